<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About DigitLab</source>
        <translation>DigitLab 정보</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>이 창을 닫습니다</translation>
    </message>
    <message>
        <source>The shipped model (784-512-256-10, ReLU) reads {0:.2%} of the 10,000 MNIST test images correctly. It was trained with:</source>
        <translation>기본 제공 모델(784-512-256-10, ReLU)은 MNIST 테스트 이미지 10,000장 중 {0:.2%}를 맞힙니다. 학습에 쓴 명령:</translation>
    </message>
    <message>
        <source>The shipped model could not be read.</source>
        <translation>기본 제공 모델을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>A desktop lab for chapters 3-4 of Deep Learning from Scratch: draw a digit, train a NumPy network on MNIST, watch gradient descent.</source>
        <translation>밑바닥부터 시작하는 딥러닝 3-4장을 위한 데스크톱 실습실: 숫자를 그리고, NumPy 신경망을 MNIST로 학습시키고, 경사 하강법을 지켜보세요.</translation>
    </message>
    <message>
        <source>MNIST database of handwritten digits: Yann LeCun, Corinna Cortes and Christopher J.C. Burges; licensed CC BY-SA 3.0.</source>
        <translation>MNIST 손글씨 숫자 데이터베이스: Yann LeCun, Corinna Cortes, Christopher J.C. Burges; CC BY-SA 3.0 라이선스.</translation>
    </message>
    <message>
        <source>The textbook: Saitoh Koki, Deep Learning from Scratch, O&apos;Reilly Japan; the Korean edition (밑바닥부터 시작하는 딥러닝) by Hanbit Media.</source>
        <translation>교재: 사이토 고키(Saitoh Koki), Deep Learning from Scratch, O&apos;Reilly Japan; 한국어판 《밑바닥부터 시작하는 딥러닝》, 한빛미디어(Hanbit Media).</translation>
    </message>
    <message>
        <source>The textbook&apos;s pre-trained weights sample_weight.pkl come from its code repository under the MIT licence (opened from your disk, not shipped).</source>
        <translation>교재의 학습된 가중치 sample_weight.pkl은 교재 코드 저장소의 것으로 MIT 라이선스입니다(디스크에서 열며, 함께 배포하지 않습니다).</translation>
    </message>
    <message>
        <source>Qt and PySide6 (LGPLv3), pyqtgraph (MIT), NumPy (BSD-3-Clause), platformdirs (MIT), tqdm (MPL-2.0 and MIT).</source>
        <translation>Qt와 PySide6 (LGPLv3), pyqtgraph (MIT), NumPy (BSD-3-Clause), platformdirs (MIT), tqdm (MPL-2.0 및 MIT).</translation>
    </message>
    <message>
        <source>DigitLab itself: MIT licence.</source>
        <translation>DigitLab 자체: MIT 라이선스.</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>The shipped model</source>
        <translation>기본 제공 모델</translation>
    </message>
    <message>
        <source>Credits and licences</source>
        <translation>출처와 라이선스</translation>
    </message>
</context>
<context>
    <name>BackwardPanel</name>
    <message>
        <source>&lt;b&gt;Backward, for this one drawing&lt;/b&gt;</source>
        <translation>&lt;b&gt;이 그림 하나의 역전파&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Backpropagation for your drawing: the error y − t at the output travels back through the layers; dW1 for one neuron is your drawing times that neuron&apos;s error. One SGD step changes this panel&apos;s copy of the model: W ← W − lr·dW.</source>
        <translation>그린 숫자의 오차역전파법: 출력의 오차 y − t가 층을 거슬러 전해집니다. 뉴런 하나의 dW1은 그린 숫자에 그 뉴런의 오차를 곱한 것입니다. SGD 한 걸음은 이 패널의 모델 사본을 바꿉니다: W ← W − lr·dW.</translation>
    </message>
    <message>
        <source>Correct label t:</source>
        <translation>정답 레이블 t:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>학습률:</translation>
    </message>
    <message>
        <source>Correct label</source>
        <translation>정답 레이블</translation>
    </message>
    <message>
        <source>The digit the drawing should be (the one-hot t)</source>
        <translation>그린 숫자가 되어야 할 숫자(원-핫 t)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>lr of the SGD step</source>
        <translation>SGD 한 걸음의 학습률 lr</translation>
    </message>
    <message>
        <source>Take one SGD step</source>
        <translation>SGD 한 걸음 가기</translation>
    </message>
    <message>
        <source>Move every weight one step against its gradient for this drawing and label</source>
        <translation>이 그림과 레이블에 대해 모든 가중치를 기울기의 반대 방향으로 한 걸음 옮깁니다</translation>
    </message>
    <message>
        <source>Back to the model</source>
        <translation>원래 모델로</translation>
    </message>
    <message>
        <source>Drop the SGD steps taken here</source>
        <translation>여기서 간 SGD 걸음을 버립니다</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>The softmax output y of the model in this panel</source>
        <translation>이 패널 모델의 소프트맥스 출력 y</translation>
    </message>
    <message>
        <source>Error at the output</source>
        <translation>출력의 오차</translation>
    </message>
    <message>
        <source>y − t for each digit: what backward starts from</source>
        <translation>숫자마다 y − t: 역전파가 시작하는 값</translation>
    </message>
    <message>
        <source>Numerical and backprop gradients</source>
        <translation>수치 미분과 오차역전파법의 기울기</translation>
    </message>
    <message>
        <source>For the weight with the largest gradient of each parameter: backprop against the course&apos;s numerical gradient (central difference, h = 1e-4)</source>
        <translation>매개변수마다 기울기가 가장 큰 가중치: 오차역전파법과 강의의 수치 미분(중심 차분, h = 1e-4) 비교</translation>
    </message>
    <message>
        <source>Error at the output, y − t</source>
        <translation>출력의 오차, y − t</translation>
    </message>
    <message>
        <source>probability y</source>
        <translation>확률 y</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>dW1 of the {0} first-layer neurons with the largest error (red = the weight grows at the step)</source>
        <translation>오차가 가장 큰 1층 뉴런 {0}개의 dW1(빨강 = 한 걸음에 가중치가 커짐)</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Backprop</source>
        <translation>오차역전파법</translation>
    </message>
    <message>
        <source>Numerical</source>
        <translation>수치 미분</translation>
    </message>
    <message>
        <source>Relative error</source>
        <translation>상대 오차</translation>
    </message>
    <message>
        <source>the predicted digit</source>
        <translation>예측한 숫자</translation>
    </message>
    <message>
        <source>the predicted digit ({0})</source>
        <translation>예측한 숫자 ({0})</translation>
    </message>
    <message>
        <source>Backward here is shown for fully connected networks; this model has convolution layers.</source>
        <translation>이 역전파 보기는 완전연결 신경망용입니다. 이 모델에는 합성곱 계층이 있습니다.</translation>
    </message>
    <message>
        <source>Draw a digit to see its backward pass.</source>
        <translation>숫자를 그리면 그 역전파를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source> · after {0} SGD steps</source>
        <translation> · SGD {0}걸음 후</translation>
    </message>
    <message>
        <source>Loss (cross-entropy) −log y[{0}] = {1:.4f} · y[{0}] = {2:.3f}{3}</source>
        <translation>손실(교차 엔트로피) −log y[{0}] = {1:.4f} · y[{0}] = {2:.3f}{3}</translation>
    </message>
    <message>
        <source>dL/dh{0}, layer {0}: ‖·‖ = {1:.3g}</source>
        <translation>dL/dh{0}, {0}층: ‖·‖ = {1:.3g}</translation>
    </message>
    <message>
        <source>neuron {0}</source>
        <translation>뉴런 {0}</translation>
    </message>
</context>
<context>
    <name>Chapter3Panel</name>
    <message>
        <source>The book&apos;s three-layer network (init_network, forward)</source>
        <translation>교재의 3층 신경망 (init_network, forward)</translation>
    </message>
    <message>
        <source>Step, sigmoid and ReLU</source>
        <translation>계단 함수, 시그모이드, ReLU</translation>
    </message>
    <message>
        <source>Softmax and its overflow</source>
        <translation>소프트맥스와 오버플로</translation>
    </message>
    <message>
        <source>&amp;Book values</source>
        <translation>교재 값(&amp;B)</translation>
    </message>
    <message>
        <source>Put back the book&apos;s x and weights</source>
        <translation>교재의 x와 가중치로 되돌립니다</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>입력 x</translation>
    </message>
    <message>
        <source>{0}: numbers as a Python list; edit any of them</source>
        <translation>{0}: 파이썬 리스트로 쓴 수입니다. 어느 것이든 고쳐 보세요</translation>
    </message>
    <message>
        <source>&amp;Scores a:</source>
        <translation>점수 a(&amp;S):</translation>
    </message>
    <message>
        <source>Scores for softmax</source>
        <translation>소프트맥스에 넣을 점수</translation>
    </message>
    <message>
        <source>Two or more scores as a Python list, e.g. [1010, 1000, 990]</source>
        <translation>점수 두 개 이상을 파이썬 리스트로, 예: [1010, 1000, 990]</translation>
    </message>
    <message>
        <source>Step, sigmoid and ReLU on −5..5</source>
        <translation>−5..5에서 계단 함수, 시그모이드, ReLU</translation>
    </message>
    <message>
        <source>Type numbers as a Python list of the right shape: {0}</source>
        <translation>알맞은 형상의 파이썬 리스트로 수를 입력하세요: {0}</translation>
    </message>
    <message>
        <source>sum {0}</source>
        <translation>합 {0}</translation>
    </message>
    <message>
        <source>Type two or more scores as a Python list, e.g. [1010, 1000, 990].</source>
        <translation>점수 두 개 이상을 파이썬 리스트로 입력하세요. 예: [1010, 1000, 990]</translation>
    </message>
    <message>
        <source>Naive, exp(a) / sum(exp(a)): {0}</source>
        <translation>그대로 계산, exp(a) / sum(exp(a)): {0}</translation>
    </message>
    <message>
        <source>Why: exp({0:g}) is larger than the largest float (about 1.8e308), so it becomes inf, and inf / inf is nan.</source>
        <translation>이유: exp({0:g})는 가장 큰 실수(약 1.8e308)보다 커서 inf가 되고, inf / inf는 nan입니다.</translation>
    </message>
    <message>
        <source>Stable, exp(a − max(a)) / sum: {0}</source>
        <translation>오버플로 대책, exp(a − max(a)) / sum: {0}</translation>
    </message>
    <message>
        <source>Subtracting the largest score (here {0:g}) changes nothing in the result, and no exp is above 1.</source>
        <translation>가장 큰 점수(여기서는 {0:g})를 빼도 결과는 같고, 어떤 exp도 1을 넘지 않습니다.</translation>
    </message>
</context>
<context>
    <name>CodeView</name>
    <message>
        <source>network: the model (the course&apos;s: sample_weight.pkl); x, t: the 10,000 test images and labels</source>
        <translation>network: 모델 (강의의 sample_weight.pkl); x, t: 시험 이미지 10,000장과 정답 레이블</translation>
    </message>
    <message>
        <source>10 scores; softmax would keep their order</source>
        <translation>점수 10개; 소프트맥스를 거쳐도 순서는 같음</translation>
    </message>
    <message>
        <source>index of the largest: the digit it reads</source>
        <translation>가장 큰 값의 인덱스: 신경망이 읽은 숫자</translation>
    </message>
    <message>
        <source>(batch_size, 10) scores</source>
        <translation>(batch_size, 10) 점수</translation>
    </message>
    <message>
        <source>the digit read in each row</source>
        <translation>각 행에서 읽은 숫자</translation>
    </message>
    <message>
        <source>t: the answer 2, one-hot; y1 says &quot;2&quot; (0.6), y2 says &quot;7&quot; (0.6)</source>
        <translation>t: 정답 2 (원-핫); y1은 &quot;2&quot;(0.6), y2는 &quot;7&quot;(0.6)이라고 예측</translation>
    </message>
    <message>
        <source>half the sum of squares: 0.5 * np.sum((y - t)**2)</source>
        <translation>제곱합의 절반: 0.5 * np.sum((y - t)**2)</translation>
    </message>
    <message>
        <source>-np.sum(t * np.log(y + delta)), delta = 1e-7 keeps log(0) = -inf away</source>
        <translation>-np.sum(t * np.log(y + delta)), delta = 1e-7은 log(0) = -inf를 막음</translation>
    </message>
    <message>
        <source>numerical_diff(f, x) = (f(x+h) - f(x-h)) / (2*h) with h = 1e-4</source>
        <translation>수치 미분: numerical_diff(f, x) = (f(x+h) - f(x-h)) / (2*h), h = 1e-4</translation>
    </message>
    <message>
        <source>x1 held fixed</source>
        <translation>x1은 고정</translation>
    </message>
    <message>
        <source>x0 held fixed</source>
        <translation>x0은 고정</translation>
    </message>
    <message>
        <source>both partial derivatives at once: nudge each entry of x by h = 1e-4</source>
        <translation>두 편미분을 한 번에: x의 각 원소를 h = 1e-4만큼 움직임</translation>
    </message>
    <message>
        <source>step_num times: x -= lr * numerical_gradient(function_2, x)</source>
        <translation>step_num번 반복: x -= lr * numerical_gradient(function_2, x)</translation>
    </message>
    <message>
        <source>W: the book&apos;s weights; delta: the 1e-7 in the log (0: as the book&apos;s printed digits)</source>
        <translation>W: 책의 가중치; delta: log 안의 1e-7 (0이면 책에 인쇄된 자릿수와 같음)</translation>
    </message>
    <message>
        <source>2: the largest score is at index 2</source>
        <translation>2: 가장 큰 점수는 인덱스 2</translation>
    </message>
    <message>
        <source>the answer</source>
        <translation>정답</translation>
    </message>
    <message>
        <source>the seed: initial weights, then batches</source>
        <translation>시드: 가중치 초깃값, 그다음 미니배치</translation>
    </message>
    <message>
        <source>the course&apos;s TwoLayerNet(input_size=784, hidden_size=50, output_size=10)</source>
        <translation>강의의 TwoLayerNet(input_size=784, hidden_size=50, output_size=10)</translation>
    </message>
    <message>
        <source>the network of these settings</source>
        <translation>이 설정의 신경망</translation>
    </message>
    <message>
        <source>(filters, size, pad) per convolution stage, each with ReLU and 2x2 pooling</source>
        <translation>합성곱 단계마다 (필터 수, 크기, 패딩), 각 단계 뒤에 ReLU와 2x2 풀링</translation>
    </message>
    <message>
        <source>the numerical gradient needs float64: in float32 f(x+h) - f(x-h) loses its digits</source>
        <translation>수치 기울기에는 float64가 필요: float32에서는 f(x+h) - f(x-h)의 자릿수가 사라짐</translation>
    </message>
    <message>
        <source>pen-drawn digits</source>
        <translation>펜으로 그린 숫자</translation>
    </message>
    <message>
        <source>the last batch may be smaller</source>
        <translation>마지막 미니배치는 더 작을 수 있음</translation>
    </message>
    <message>
        <source>the last one may be partial</source>
        <translation>마지막 에폭은 중간에 끝날 수 있음</translation>
    </message>
    <message>
        <source>rotate, shift, scale, thicken</source>
        <translation>회전, 이동, 확대·축소, 굵기 변화</translation>
    </message>
    <message>
        <source>numerical</source>
        <translation>수치 미분</translation>
    </message>
    <message>
        <source>backprop</source>
        <translation>오차역전파</translation>
    </message>
    <message>
        <source>the loss before the step</source>
        <translation>갱신 전의 손실</translation>
    </message>
    <message>
        <source>after the step, as the course</source>
        <translation>갱신 후의 손실 (강의처럼)</translation>
    </message>
    <message>
        <source>all training images</source>
        <translation>모든 훈련 이미지</translation>
    </message>
    <message>
        <source>the first images only: faster</source>
        <translation>앞쪽 이미지만: 더 빠름</translation>
    </message>
    <message>
        <source>a random mini-batch</source>
        <translation>무작위 미니배치</translation>
    </message>
    <message>
        <source>once per epoch, from i = 0</source>
        <translation>에폭마다 한 번, i = 0부터</translation>
    </message>
    <message>
        <source>epoch 0: the accuracies before any training</source>
        <translation>에폭 0: 학습 전의 정확도</translation>
    </message>
    <message>
        <source>every image once per epoch</source>
        <translation>에폭마다 모든 이미지를 한 번씩</translation>
    </message>
    <message>
        <source>the end of an epoch</source>
        <translation>에폭의 끝</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>변수</translation>
    </message>
    <message>
        <source>The code&apos;s variables and their values now</source>
        <translation>코드의 변수와 지금의 값</translation>
    </message>
    <message>
        <source>list of {0}</source>
        <translation>리스트, 원소 {0}개</translation>
    </message>
    <message>
        <source>list of {0}, last {1}</source>
        <translation>리스트, 원소 {0}개, 마지막 {1}</translation>
    </message>
    <message>
        <source>Chapter 3: the network reads the test images one by one</source>
        <translation>3장: 신경망이 시험 이미지를 한 장씩 읽습니다</translation>
    </message>
    <message>
        <source>Chapter 3: the same in batches of 100</source>
        <translation>3장: 같은 일을 100장씩 배치로</translation>
    </message>
    <message>
        <source>Mean squared error of two predictions for a 2</source>
        <translation>숫자 2에 대한 두 예측의 평균 제곱 오차</translation>
    </message>
    <message>
        <source>Cross-entropy error of the same predictions</source>
        <translation>같은 예측의 교차 엔트로피 오차</translation>
    </message>
    <message>
        <source>Numerical differentiation of function_1 = 0.01x^2 + 0.1x</source>
        <translation>function_1 = 0.01x^2 + 0.1x의 수치 미분</translation>
    </message>
    <message>
        <source>Partial derivatives of f(x0, x1) = x0^2 + x1^2</source>
        <translation>f(x0, x1) = x0^2 + x1^2의 편미분</translation>
    </message>
    <message>
        <source>The gradient of function_2 = x0^2 + x1^2</source>
        <translation>function_2 = x0^2 + x1^2의 기울기</translation>
    </message>
    <message>
        <source>Gradient descent on function_2 from (-3, 4)</source>
        <translation>(-3, 4)에서 시작하는 function_2의 경사 하강법</translation>
    </message>
    <message>
        <source>simpleNet: the loss and its gradient dW</source>
        <translation>simpleNet: 손실과 그 기울기 dW</translation>
    </message>
    <message>
        <source>Training the two-layer network with mini-batches</source>
        <translation>미니배치로 2층 신경망 학습하기</translation>
    </message>
    <message>
        <source>The training loop of these settings, as it runs</source>
        <translation>이 설정의 학습 루프 (실제로 실행되는 코드)</translation>
    </message>
    <message>
        <source>variable</source>
        <translation>변수</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
</context>
<context>
    <name>ConvView</name>
    <message>
        <source>Filters and feature maps of the convolutional network</source>
        <translation>합성곱 신경망의 필터와 특징 맵</translation>
    </message>
    <message>
        <source>The first layer&apos;s filters, then what each convolution stage finds in your drawing, stage by stage</source>
        <translation>첫 번째 층의 필터, 그리고 각 합성곱 단계가 그림에서 찾아내는 것을 단계별로 보여 줍니다</translation>
    </message>
    <message>
        <source>Draw a digit to see its feature maps.</source>
        <translation>숫자를 그리면 특징 맵이 보입니다.</translation>
    </message>
    <message>
        <source>The network reads {0} ({1:.1%}).</source>
        <translation>신경망은 {0}(으)로 읽습니다 ({1:.1%}).</translation>
    </message>
</context>
<context>
    <name>CourseTools</name>
    <message>
        <source>Course setup</source>
        <translation>강의 설정</translation>
    </message>
    <message>
        <source>The course&apos;s run: TwoLayerNet 784-50-10, sigmoid, weights 0.01 x randn, SGD lr 0.1, mini-batch 100, all 60,000 images, 10,000 iterations; the course&apos;s loop: rng.choice each iteration, accuracies on all images once per 600 iterations from iteration 0</source>
        <translation>강의의 학습: TwoLayerNet 784-50-10, 시그모이드, 가중치 0.01 x randn, SGD 학습률 0.1, 미니배치 100, 이미지 60,000장 전부, 반복 10,000회; 강의의 루프: 매 반복 rng.choice, 반복 0부터 600회마다 모든 이미지로 정확도 기록</translation>
    </message>
    <message>
        <source>Export this experiment...</source>
        <translation>이 실험 내보내기...</translation>
    </message>
    <message>
        <source>Save a Python script that repeats this run with DigitLab&apos;s nn package from the command line</source>
        <translation>DigitLab의 nn 패키지로 이 학습을 명령줄에서 재현하는 파이썬 스크립트를 저장합니다</translation>
    </message>
    <message>
        <source>Numerical gradient: what one iteration costs</source>
        <translation>수치 미분 기울기: 반복 한 번의 비용</translation>
    </message>
    <message>
        <source>Time one iteration on this network</source>
        <translation>이 신경망으로 반복 한 번 시간 재기</translation>
    </message>
    <message>
        <source>Compute the gradient of one mini-batch numerically and by backprop, and compare the times</source>
        <translation>미니배치 하나의 기울기를 수치 미분과 오차역전파로 계산해 걸린 시간을 비교합니다</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop timing the numerical gradient</source>
        <translation>수치 기울기 시간 측정을 멈춥니다</translation>
    </message>
    <message>
        <source>Export this experiment</source>
        <translation>이 실험 내보내기</translation>
    </message>
    <message>
        <source>Python script (*.py)</source>
        <translation>파이썬 스크립트 (*.py)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>The script could not be written to {0}.</source>
        <translation>스크립트를 {0}에 저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Exported to {0}: run it with python.</source>
        <translation>{0}(으)로 내보냈습니다. python으로 실행하세요.</translation>
    </message>
    <message>
        <source>This network has {0:,} weights and biases; one numerical iteration is timed for at most {1:,} (the course&apos;s 784-50-10 has 39,760): use smaller hidden layers.</source>
        <translation>이 신경망의 가중치와 편향은 {0:,}개입니다. 수치 미분 반복 시간은 최대 {1:,}개까지만 잽니다(강의의 784-50-10은 39,760개). 은닉층을 줄이세요.</translation>
    </message>
    <message>
        <source>Two forward passes for each of the {0:,} weights and biases, on {1} images...</source>
        <translation>가중치와 편향 {0:,}개마다 순전파 두 번, 이미지 {1}장으로...</translation>
    </message>
    <message>
        <source>Timing the numerical gradient failed.</source>
        <translation>수치 미분 기울기의 시간 측정에 실패했습니다.</translation>
    </message>
    <message>
        <source>Numerical gradient</source>
        <translation>수치 미분 기울기</translation>
    </message>
    <message>
        <source>Cancelled after {0:,} of {1:,} parameters.</source>
        <translation>매개변수 {1:,}개 중 {0:,}개에서 취소했습니다.</translation>
    </message>
    <message>
        <source>One iteration on {0} images, {1:,} weights: numerical gradient {2:.1f} s, backprop {3:.4f} s ({4:,.0f}x faster). The course&apos;s {5:,} iterations would take about {6:.1f} {7} numerically, {8:.1f} {9} with backprop.</source>
        <translation>이미지 {0}장, 가중치 {1:,}개로 반복 한 번: 수치 미분 {2:.1f}초, 오차역전파법 {3:.4f}초({4:,.0f}배 빠름). 강의의 반복 {5:,}회는 수치 미분으로 약 {6:.1f}{7}, 오차역전파법으로 {8:.1f}{9} 걸립니다.</translation>
    </message>
    <message>
        <source>days</source>
        <translation>일</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>분</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>초</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Data set</source>
        <translation>데이터 세트</translation>
    </message>
    <message>
        <source>Which images to look at</source>
        <translation>살펴볼 이미지</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>이전 페이지</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>다음 페이지</translation>
    </message>
    <message>
        <source>The previous examples of each digit</source>
        <translation>숫자마다 이전 예시</translation>
    </message>
    <message>
        <source>The next examples of each digit</source>
        <translation>숫자마다 다음 예시</translation>
    </message>
    <message>
        <source>Examples of each digit</source>
        <translation>숫자별 예시</translation>
    </message>
    <message>
        <source>Training images of each digit, one column per digit</source>
        <translation>숫자별 훈련 이미지, 숫자마다 한 열</translation>
    </message>
    <message>
        <source>Average digit of each class</source>
        <translation>클래스별 평균 숫자</translation>
    </message>
    <message>
        <source>The average of all training images of each digit</source>
        <translation>숫자마다 모든 훈련 이미지의 평균</translation>
    </message>
    <message>
        <source>training set</source>
        <translation>훈련 데이터</translation>
    </message>
    <message>
        <source>test set</source>
        <translation>시험 데이터</translation>
    </message>
    <message>
        <source>Data set:</source>
        <translation>데이터 세트:</translation>
    </message>
    <message>
        <source>Images per digit: training (blue), test (orange)</source>
        <translation>숫자별 이미지 수: 훈련(파랑), 시험(주황)</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>Pixel values of the training images (log scale)</source>
        <translation>훈련 이미지의 픽셀 값 (로그 눈금)</translation>
    </message>
    <message>
        <source>pixel value (0 = paper, 1 = ink)</source>
        <translation>픽셀 값 (0 = 종이, 1 = 잉크)</translation>
    </message>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Your handwriting (personal set)</source>
        <translation>내 손글씨 (개인 데이터)</translation>
    </message>
    <message>
        <source>Counting the images...</source>
        <translation>이미지를 세는 중...</translation>
    </message>
    <message>
        <source>The MNIST files are not here yet: press Start (or Find a learning rate) to get them.</source>
        <translation>MNIST 파일이 아직 없습니다: 시작(또는 학습률 찾기)을 누르면 받습니다.</translation>
    </message>
    <message>
        <source>{0:,} training images, {1:,} test images. Training images per digit 0-9: {2}. Test: {3}. Above: the average training image of each digit.</source>
        <translation>훈련 이미지 {0:,}장, 시험 이미지 {1:,}장. 숫자 0-9별 훈련 이미지: {2}. 시험: {3}. 위: 숫자별 평균 훈련 이미지.</translation>
    </message>
    <message>
        <source>page {0} of {1}</source>
        <translation>{1}쪽 중 {0}쪽</translation>
    </message>
    <message>
        <source>Reading the data failed: {0}</source>
        <translation>데이터를 읽지 못했습니다: {0}</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
</context>
<context>
    <name>DerivativePanel</name>
    <message>
        <source>The function to differentiate (the course&apos;s function_1 and others)</source>
        <translation>미분할 함수 (강의의 function_1 등)</translation>
    </message>
    <message>
        <source>Where the derivative and the tangent are computed (also: drag the vertical line)</source>
        <translation>미분값과 접선을 구할 위치 (세로선을 끌어도 됩니다)</translation>
    </message>
    <message>
        <source>The floating-point type of the arithmetic: float32 shows how rounding spoils a small h</source>
        <translation>계산에 쓰는 부동소수점 형식: float32에서는 반올림 오차가 작은 h를 망치는 것을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Drag to move x</source>
        <translation>끌어서 x 옮기기</translation>
    </message>
    <message>
        <source>step h</source>
        <translation>간격 h</translation>
    </message>
    <message>
        <source>|estimate − exact slope|</source>
        <translation>|추정값 − 정확한 기울기|</translation>
    </message>
    <message>
        <source>Error of the difference quotient against h</source>
        <translation>h에 따른 차분 근사의 오차</translation>
    </message>
    <message>
        <source>forward (f(x+h) − f(x)) / h</source>
        <translation>전방 차분 (f(x+h) − f(x)) / h</translation>
    </message>
    <message>
        <source>central (f(x+h) − f(x−h)) / 2h</source>
        <translation>중심 차분 (f(x+h) − f(x−h)) / 2h</translation>
    </message>
    <message>
        <source>h = 1e-4 (the course)</source>
        <translation>h = 1e-4 (교재)</translation>
    </message>
    <message>
        <source>h = 1e-50</source>
        <translation>h = 1e-50</translation>
    </message>
    <message>
        <source>Function:</source>
        <translation>함수:</translation>
    </message>
    <message>
        <source>x:</source>
        <translation>x:</translation>
    </message>
    <message>
        <source>Arithmetic:</source>
        <translation>정밀도:</translation>
    </message>
    <message>
        <source>&lt;b&gt;numerical_diff(f, {x})&lt;/b&gt; = {num!r}&lt;br&gt;(central difference, h = 1e-4)&lt;br&gt;&lt;br&gt;&lt;b&gt;exact slope&lt;/b&gt; f′({x}) = {exact:.10g}</source>
        <translation>&lt;b&gt;numerical_diff(f, {x})&lt;/b&gt; = {num!r}&lt;br&gt;(중심 차분, h = 1e-4)&lt;br&gt;&lt;br&gt;&lt;b&gt;정확한 기울기&lt;/b&gt; f′({x}) = {exact:.10g}</translation>
    </message>
    <message>
        <source>The course prints numerical_diff(function_1, {x}) = {dy}.</source>
        <translation>교재의 출력: numerical_diff(function_1, {x}) = {dy}.</translation>
    </message>
    <message>
        <source>Large h: the secant is not the tangent (error falls as h, or h² for central).&lt;br&gt;Tiny h: f(x+h) and f(x) round to the same {dtype} number, the difference is 0 and the estimate is 0 (at h = 1e-50 nothing is left; in float32 even h itself rounds to 0).&lt;br&gt;h = 1e-4 is a safe middle: big enough that rounding hardly matters, small enough that the secant is close to the tangent (for a quadratic the central difference is exact up to rounding; pick sin x or eˣ to see both effects). Errors of exactly 0 are drawn at 1e-18.</source>
        <translation>큰 h: 할선은 접선이 아닙니다(오차는 h에 비례해 줄고, 중심 차분은 h²에 비례해 줄어듭니다).&lt;br&gt;아주 작은 h: f(x+h)와 f(x)가 같은 {dtype} 수로 반올림되어 차이가 0, 추정값도 0이 됩니다(h = 1e-50이면 아무것도 남지 않고, float32에서는 h 자체도 0으로 반올림됩니다).&lt;br&gt;h = 1e-4는 안전한 중간값입니다: 반올림 오차가 거의 문제 되지 않을 만큼 크고, 할선이 접선에 가까울 만큼 작습니다(2차 함수에서는 중심 차분이 반올림 오차를 빼면 정확합니다. 두 효과를 다 보려면 sin x나 eˣ를 고르세요). 오차가 정확히 0이면 1e-18에 그립니다.</translation>
    </message>
</context>
<context>
    <name>DescentPanel</name>
    <message>
        <source>step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Surface:</source>
        <translation>함수:</translation>
    </message>
    <message>
        <source>Start (x0, x1):</source>
        <translation>시작점 (x0, x1):</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>학습률:</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>단계 수:</translation>
    </message>
    <message>
        <source>The function gradient descent walks down</source>
        <translation>경사 하강법이 내려갈 함수</translation>
    </message>
    <message>
        <source>Start x0</source>
        <translation>시작점 x0</translation>
    </message>
    <message>
        <source>Start x1</source>
        <translation>시작점 x1</translation>
    </message>
    <message>
        <source>Where the descent starts: x0 (or click on the plot)</source>
        <translation>경사 하강을 시작할 위치의 x0 (그래프를 클릭해도 됩니다)</translation>
    </message>
    <message>
        <source>Where the descent starts: x1 (or click on the plot)</source>
        <translation>경사 하강을 시작할 위치의 x1 (그래프를 클릭해도 됩니다)</translation>
    </message>
    <message>
        <source>The step size lr in x -= lr * grad (e.g. 0.1, 10, 1e-10)</source>
        <translation>x -= lr * grad의 보폭 lr (예: 0.1, 10, 1e-10)</translation>
    </message>
    <message>
        <source>How many steps the descent takes (the course&apos;s step_num)</source>
        <translation>경사 하강을 몇 번 반복할지 (강의의 step_num)</translation>
    </message>
    <message>
        <source>The course&apos;s cases (x0² + x1², start (−3, 4))</source>
        <translation>교재의 예 (x0² + x1², 시작점 (−3, 4))</translation>
    </message>
    <message>
        <source>Run the course&apos;s case: start (−3, 4) on x0² + x1² with its learning rate and steps</source>
        <translation>강의의 예를 실행합니다: x0² + x1²에서 (−3, 4)부터 그 학습률과 반복 횟수로</translation>
    </message>
    <message>
        <source>Click on the plot to start from there.</source>
        <translation>그래프를 클릭하면 그 점에서 시작합니다.</translation>
    </message>
    <message>
        <source>lr = 0.1 converges</source>
        <translation>lr = 0.1 수렴</translation>
    </message>
    <message>
        <source>lr = 10 diverges</source>
        <translation>lr = 10 발산</translation>
    </message>
    <message>
        <source>lr = 1e-10 hardly moves</source>
        <translation>lr = 1e-10 거의 제자리</translation>
    </message>
    <message>
        <source>too few steps</source>
        <translation>단계가 너무 적음</translation>
    </message>
    <message>
        <source>The course prints x = {x} after {n} steps.</source>
        <translation>교재의 출력: {n}번 갱신 후 x = {x}.</translation>
    </message>
    <message>
        <source>overflowed</source>
        <translation>오버플로</translation>
    </message>
    <message>
        <source>Diverged at step {k}: x jumped to {x}; the path is drawn up to step {last}.</source>
        <translation>{k}단계에서 발산: x가 {x}(으)로 튀었습니다. 경로는 {last}단계까지 그립니다.</translation>
    </message>
    <message>
        <source>After {n} steps x is {d} away from the minimum ★.</source>
        <translation>{n}단계 후 x와 최솟값 ★의 거리는 {d}입니다.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00000&apos;&gt;&lt;b&gt;Diverged.&lt;/b&gt; At step {k} x jumps to {x}, far off the plot: the learning rate is too large, each step overshoots the minimum by more than it started from.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00000&apos;&gt;&lt;b&gt;발산했습니다.&lt;/b&gt; {k}번째 단계에서 x가 그래프 밖 멀리 {x}(으)로 튑니다. 학습률이 너무 커서 매 단계 최솟값을 처음 거리보다 더 크게 지나칩니다.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Then it freezes.&lt;/b&gt; Near {big:.1e} neighbouring float64 numbers are {gap:.2g} apart, more than twice h = {h:g}, so x + h rounds back to x: f(x + h) − f(x − h) is 0 and so is the numerical gradient. From step {step} on x stays at {x} for the remaining {rest} steps: not a minimum, only a point where float64 can no longer see the slope.</source>
        <translation>&lt;b&gt;그러고는 멈춥니다.&lt;/b&gt; {big:.1e} 근처에서 이웃한 float64 수의 간격은 {gap:.2g}로 h = {h:g}의 두 배보다 큽니다. 그래서 x + h가 반올림되어 다시 x가 되고, f(x + h) − f(x − h)가 0이 되어 수치 기울기도 0입니다. {step}번째 단계부터 x는 남은 {rest}단계 동안 {x}에 머뭅니다. 최솟값이 아니라 float64가 더 이상 기울기를 보지 못하는 점일 뿐입니다.</translation>
    </message>
    <message>
        <source>step {k}:  x = {x}&lt;br&gt;f(x) = {f}    |grad f(x)| = {g}</source>
        <translation>{k}단계:  x = {x}&lt;br&gt;f(x) = {f}    |grad f(x)| = {g}</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <source>MNIST is needed</source>
        <translation>MNIST가 필요합니다</translation>
    </message>
    <message>
        <source>Training needs MNIST, the 70,000 handwritten digits of the course ({0} files, about 11 MB). They are not on this computer yet.

Download them now into {1}?</source>
        <translation>학습에는 교재의 손글씨 숫자 70,000개인 MNIST가 필요합니다(파일 {0}개, 약 11 MB). 아직 이 컴퓨터에 없습니다.

지금 {1}에 내려받을까요?</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>내려받기</translation>
    </message>
    <message>
        <source>Download the four MNIST files (about 11 MB) from public mirrors</source>
        <translation>공개 미러에서 MNIST 파일 네 개(약 11 MB)를 내려받습니다</translation>
    </message>
    <message>
        <source>Do not download; training needs the files</source>
        <translation>내려받지 않습니다; 학습에는 이 파일이 필요합니다</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>폴더 선택…</translation>
    </message>
    <message>
        <source>Use a folder that already holds the four MNIST files</source>
        <translation>네 MNIST 파일이 이미 들어 있는 폴더를 사용합니다</translation>
    </message>
    <message>
        <source>{0} does not hold the MNIST files; missing: {1}. Choose the folder with all four, or download them.</source>
        <translation>{0}에 MNIST 파일이 없습니다. 없는 파일: {1}. 네 파일이 모두 있는 폴더를 선택하거나 내려받으세요.</translation>
    </message>
    <message>
        <source>The folder with the MNIST files</source>
        <translation>MNIST 파일이 있는 폴더</translation>
    </message>
    <message>
        <source>Downloading MNIST into {0} ...</source>
        <translation>MNIST를 {0}에 내려받는 중...</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>내려받기를 취소했습니다.</translation>
    </message>
    <message>
        <source>The download did not work (are you offline?).

What to do: copy the four MNIST files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) into a folder and press “Choose folder…”, or start DigitLab with
    python main.py --mnist-dir FOLDER
or set the environment variable DIGITLAB_MNIST_DIR=FOLDER.

Details: {0}</source>
        <translation>내려받지 못했습니다(오프라인인가요?).

해결 방법: MNIST 파일 네 개(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)를 한 폴더에 복사한 다음 “폴더 선택…”을 누르거나, DigitLab을 이렇게 실행하세요.
    python main.py --mnist-dir 폴더
또는 환경 변수 DIGITLAB_MNIST_DIR=폴더 를 설정하세요.

자세한 내용: {0}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>다시 시도</translation>
    </message>
</context>
<context>
    <name>DrawTab</name>
    <message>
        <source>Open image…</source>
        <translation>이미지 열기…</translation>
    </message>
    <message>
        <source>Let the network read a picture of a digit</source>
        <translation>숫자 이미지를 신경망에 보여 줍니다</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>Use the image on the clipboard</source>
        <translation>클립보드의 이미지를 씁니다</translation>
    </message>
    <message>
        <source>Undo stroke</source>
        <translation>획 취소</translation>
    </message>
    <message>
        <source>Remove the last stroke</source>
        <translation>마지막 획을 지웁니다</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>처음부터 다시</translation>
    </message>
    <message>
        <source>Pen width: how thick the strokes you draw are</source>
        <translation>펜 굵기: 그리는 선의 두께</translation>
    </message>
    <message>
        <source>Pen width</source>
        <translation>펜 굵기</translation>
    </message>
    <message>
        <source>Pen:</source>
        <translation>펜:</translation>
    </message>
    <message>
        <source>Inside the network</source>
        <translation>신경망 내부</translation>
    </message>
    <message>
        <source>Why it decided</source>
        <translation>왜 그렇게 판단했나</translation>
    </message>
    <message>
        <source>Preprocessing step by step</source>
        <translation>전처리 단계별 보기</translation>
    </message>
    <message>
        <source>Draw a digit to see what the network thinks.</source>
        <translation>숫자를 그리면 신경망의 판단이 보입니다.</translation>
    </message>
    <message>
        <source>No model to ask: open one or train one.</source>
        <translation>물어볼 모델이 없습니다: 모델을 열거나 학습시키세요.</translation>
    </message>
    <message>
        <source>Reading “{0}”: it gets the same preprocessing as a drawing.</source>
        <translation>“{0}” 읽는 중: 그림과 같은 전처리를 거칩니다.</translation>
    </message>
    <message>
        <source>Open an image of a digit</source>
        <translation>숫자 이미지 열기</translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation>이미지 ({0})</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw one digit with the mouse, a pen or a finger</source>
        <translation>마우스, 펜, 손가락으로 숫자 하나를 그리세요</translation>
    </message>
    <message>
        <source>“{0}” could not be read ({1}).</source>
        <translation>“{0}”을(를) 읽을 수 없습니다({1}).</translation>
    </message>
    <message>
        <source>The pasted image could not be read ({0}).</source>
        <translation>붙여 넣은 이미지를 읽을 수 없습니다({0}).</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>붙여넣은 이미지</translation>
    </message>
    <message>
        <source>There is no image to use here: copy or drop an image file.</source>
        <translation>쓸 수 있는 이미지가 없습니다: 이미지 파일을 복사하거나 끌어다 놓으세요.</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>여기에 숫자를 그리세요</translation>
    </message>
</context>
<context>
    <name>ErrorMessage</name>
    <message>
        <source>The details are also in {0}.</source>
        <translation>자세한 내용은 {0}에도 있습니다.</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <source>Train a network to see how it does on the 10,000 test images.</source>
        <translation>신경망을 학습시키면 시험 이미지 10,000장에 대한 성능을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Click an image to load it into the Draw tab&apos;s canvas</source>
        <translation>이미지를 클릭하면 그리기 탭의 캔버스로 불러옵니다</translation>
    </message>
    <message>
        <source>Misclassified test images</source>
        <translation>잘못 분류한 시험 이미지</translation>
    </message>
    <message>
        <source>Time it: one image at a time vs batches of 100</source>
        <translation>시간 재기: 한 장씩 vs 100장씩 배치</translation>
    </message>
    <message>
        <source>Run the 10,000 test images through the network one by one and in batches of 100, and compare the times</source>
        <translation>시험 이미지 10,000장을 한 장씩, 그리고 100장 배치로 신경망에 넣어 걸린 시간을 비교합니다</translation>
    </message>
    <message>
        <source>Misclassified test images (true -&gt; predicted, confidence)</source>
        <translation>잘못 분류한 시험 이미지 (정답 -&gt; 예측, 확신도)</translation>
    </message>
    <message>
        <source>Measure the accuracy of the model the Draw tab uses on the 10,000 MNIST test images</source>
        <translation>그리기 탭이 쓰는 모델의 정확도를 MNIST 시험 이미지 10,000장으로 잽니다</translation>
    </message>
    <message>
        <source>Listing</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Which chapter-3 code to show: one image at a time or in batches of 100</source>
        <translation>보여 줄 3장 코드: 한 장씩 또는 100장 배치로</translation>
    </message>
    <message>
        <source>Chapter 3: image by image</source>
        <translation>3장: 이미지 한 장씩</translation>
    </message>
    <message>
        <source>Chapter 3: in batches of 100</source>
        <translation>3장: 100장씩 배치로</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Evaluate the Draw tab&apos;s model ({0})</source>
        <translation>그리기 탭의 모델 평가 ({0})</translation>
    </message>
    <message>
        <source>One at a time: {0:.2f} s. In batches of {1}: {2:.3f} s. This time the batches were slower: another program was probably busy. Press the button again.</source>
        <translation>한 장씩: {0:.2f}초. {1}장씩 배치: {2:.3f}초. 이번에는 배치 처리가 더 느렸습니다. 다른 프로그램이 바빴던 것 같습니다. 버튼을 다시 눌러 보세요.</translation>
    </message>
    <message>
        <source>One at a time: {0:.2f} s. In batches of {1}: {2:.3f} s. Batches are {3:.{5}f}x faster: one big matrix product beats {4:,} small ones.</source>
        <translation>한 장씩: {0:.2f}초. {1}장씩 배치: {2:.3f}초. 배치 처리가 {3:.{5}f}배 빠릅니다: 큰 행렬 곱 한 번이 작은 행렬 곱 {4:,}번보다 빠릅니다.</translation>
    </message>
    <message>
        <source>Accuracy: {0} ({1:,} of {2:,} test images wrong)</source>
        <translation>정확도: {0} (시험 이미지 {2:,}장 중 {1:,}장 틀림)</translation>
    </message>
    <message>
        <source>{0} -&gt; {1}
{2:.0%}</source>
        <translation>{0} -&gt; {1}
{2:.0%}</translation>
    </message>
    <message>
        <source>Classifying {0:,} images twice...</source>
        <translation>이미지 {0:,}장을 두 번 분류하는 중...</translation>
    </message>
    <message>
        <source>Timing the network failed; press the button to try again.</source>
        <translation>신경망의 시간 측정에 실패했습니다. 다시 하려면 버튼을 누르세요.</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>평가</translation>
    </message>
</context>
<context>
    <name>EvaluationPlots</name>
    <message>
        <source>Confusion matrix</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <source>true digit</source>
        <translation>정답 숫자</translation>
    </message>
    <message>
        <source>predicted digit</source>
        <translation>예측 숫자</translation>
    </message>
    <message>
        <source>Accuracy per digit</source>
        <translation>숫자별 정확도</translation>
    </message>
</context>
<context>
    <name>FieldPanel</name>
    <message>
        <source>Move the mouse over the plot.</source>
        <translation>그래프 위로 마우스를 움직여 보세요.</translation>
    </message>
    <message>
        <source>Each arrow is −numerical_gradient(f, x): the direction in which f falls fastest. Arrows are longer where the surface is steeper, i.e. far from the minimum (★), and they cross the contour lines at right angles.</source>
        <translation>각 화살표는 −numerical_gradient(f, x), 즉 f가 가장 크게 줄어드는 방향입니다. 경사가 가파른 곳, 곧 최솟값(★)에서 먼 곳일수록 화살표가 길고, 화살표는 등고선과 직각으로 만납니다.</translation>
    </message>
    <message>
        <source>The gradient at ({0:g}, {1:g})</source>
        <translation>({0:g}, {1:g})에서의 기울기</translation>
    </message>
    <message>
        <source>Show numerical_gradient(function_2, x) at this point of the course</source>
        <translation>강의의 이 점에서 numerical_gradient(function_2, x)를 보여 줍니다</translation>
    </message>
    <message>
        <source>Surface:</source>
        <translation>함수:</translation>
    </message>
    <message>
        <source>The function whose gradient field is drawn</source>
        <translation>기울기 벡터장을 그릴 함수</translation>
    </message>
    <message>
        <source>The course&apos;s points on x0² + x1²:</source>
        <translation>교재에서 계산한 x0² + x1²의 점:</translation>
    </message>
    <message>
        <source>x = {x}&lt;br&gt;f(x) = {f}&lt;br&gt;grad f(x) = {g}&lt;br&gt;|grad f(x)| = {n}</source>
        <translation>x = {x}&lt;br&gt;f(x) = {f}&lt;br&gt;grad f(x) = {g}&lt;br&gt;|grad f(x)| = {n}</translation>
    </message>
    <message>
        <source>numerical_gradient(function_2, np.array([{x0}, {x1}])) = {g}</source>
        <translation>numerical_gradient(function_2, np.array([{x0}, {x1}])) = {g}</translation>
    </message>
    <message>
        <source>The course prints {g}.</source>
        <translation>교재의 출력: {g}.</translation>
    </message>
</context>
<context>
    <name>FinetuneDialog</name>
    <message>
        <source>Fine-tune on your digits</source>
        <translation>내 숫자로 미세 조정</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Use it on the Draw tab</source>
        <translation>그리기 탭에서 사용</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Stop fine-tuning; the model stays as it was</source>
        <translation>미세 조정을 멈춥니다; 모델은 그대로 남습니다</translation>
    </message>
    <message>
        <source>Let the Draw tab read with the fine-tuned model</source>
        <translation>그리기 탭이 미세 조정한 모델로 읽게 합니다</translation>
    </message>
    <message>
        <source>Save the fine-tuned model to a file</source>
        <translation>미세 조정한 모델을 파일로 저장합니다</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>이 창을 닫습니다</translation>
    </message>
    <message>
        <source>There is no model to fine-tune: open or train one.</source>
        <translation>미세 조정할 모델이 없습니다: 모델을 열거나 학습하세요.</translation>
    </message>
    <message>
        <source>Fine-tuning needs at least {0} of your digits to learn from. Your {1} stored digits: {2} for learning, {3} held out for testing (every fifth). Label more with “This is a …” first.</source>
        <translation>미세 조정에는 학습용 내 숫자가 {0}개 이상 필요합니다. 저장된 내 숫자 {1}개: 학습용 {2}개, 시험용으로 따로 둔 것 {3}개(다섯 번째마다). 먼저 “이 숫자는 …”으로 더 분류하세요.</translation>
    </message>
    <message>
        <source>Fine-tuning on {0} of your {1} digits mixed with MNIST ({2} held out for testing)…</source>
        <translation>내 숫자 {1}개 중 {0}개를 MNIST와 섞어 미세 조정하는 중… (시험용으로 {2}개를 따로 둠)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <source>Stopped after {0} mini-batches.</source>
        <translation>미니배치 {0}개 뒤에 멈췄습니다.</translation>
    </message>
    <message>
        <source>Done: {0} mini-batches.</source>
        <translation>완료: 미니배치 {0}개.</translation>
    </message>
    <message>
        <source>Your digits: no test samples yet (every fifth one you label).</source>
        <translation>내 숫자: 아직 시험 샘플이 없습니다(분류한 것 중 다섯 번째마다).</translation>
    </message>
    <message>
        <source>Your {0} test digits: {1:.1%} before, {2:.1%} after.</source>
        <translation>내 시험 숫자 {0}개: 전 {1:.1%}, 후 {2:.1%}.</translation>
    </message>
    <message>
        <source>MNIST test ({0} images): {1:.2%} before, {2:.2%} after.</source>
        <translation>MNIST 시험 데이터({0}장): 전 {1:.2%}, 후 {2:.2%}.</translation>
    </message>
    <message>
        <source>fine-tuned on your digits</source>
        <translation>내 숫자로 미세 조정한 모델</translation>
    </message>
    <message>
        <source>That is the shipped model: choose another file, it is never overwritten.</source>
        <translation>그것은 기본 제공 모델입니다: 다른 파일을 고르세요. 기본 모델은 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <source>Saved to {0}.</source>
        <translation>{0}에 저장했습니다.</translation>
    </message>
</context>
<context>
    <name>FinetuneWorker</name>
    <message>
        <source>Fine-tuning mixes your digits with MNIST so that MNIST is not forgotten, and the MNIST files were not found: download them on the Training tab first.</source>
        <translation>미세 조정은 MNIST를 잊지 않도록 내 숫자와 MNIST를 섞는데, MNIST 파일을 찾지 못했습니다: 먼저 학습 탭에서 내려받으세요.</translation>
    </message>
</context>
<context>
    <name>GalleryDialog</name>
    <message>
        <source>Your digits</source>
        <translation>내 숫자</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>다음 레이블로 변경</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>가져오기…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>The digits you stored; select one or more to delete or relabel them</source>
        <translation>저장한 숫자들; 하나 이상 골라 삭제하거나 레이블을 바꿀 수 있습니다</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>새 레이블</translation>
    </message>
    <message>
        <source>The digit that Relabel as gives the selected samples</source>
        <translation>&apos;다음으로 레이블 변경&apos;이 고른 샘플에 붙일 숫자</translation>
    </message>
    <message>
        <source>Give the selected samples the digit chosen beside</source>
        <translation>고른 샘플에 옆에서 고른 숫자를 레이블로 붙입니다</translation>
    </message>
    <message>
        <source>Save your digits as a zip of PNGs and a CSV, or one .npz</source>
        <translation>내 숫자를 PNG와 CSV를 담은 zip 또는 .npz 파일 하나로 저장합니다</translation>
    </message>
    <message>
        <source>Add digits from a zip or .npz exported before</source>
        <translation>전에 내보낸 zip 또는 .npz에서 숫자를 더합니다</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>이 창을 닫습니다</translation>
    </message>
    <message>
        <source>Bring back what the last Delete or Relabel changed</source>
        <translation>마지막 삭제나 레이블 변경을 되돌립니다</translation>
    </message>
    <message>
        <source>Remove the selected samples from your digits (Undo brings them back)</source>
        <translation>고른 샘플을 내 숫자에서 지웁니다 (되돌리기로 다시 가져올 수 있습니다)</translation>
    </message>
    <message>
        <source> (test)</source>
        <translation> (시험)</translation>
    </message>
    <message>
        <source>{0} samples. Per digit: {1}</source>
        <translation>샘플 {0}개. 숫자별: {1}</translation>
    </message>
    <message>
        <source>The model in use reads {0:.0%} of your {1} test samples (every fifth) right.</source>
        <translation>사용 중인 모델은 내 시험 샘플 {1}개(다섯 번째마다) 중 {0:.0%}를 맞힙니다.</translation>
    </message>
    <message>
        <source>Deleted {0} sample(s); Undo in “Your digits” brings them back.</source>
        <translation>샘플 {0}개를 삭제했습니다. “내 숫자”의 되돌리기로 되살릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Select one or more samples first.</source>
        <translation>먼저 샘플을 하나 이상 선택하세요.</translation>
    </message>
    <message>
        <source>Could not save your digits: {0}</source>
        <translation>내 숫자를 저장할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>{0}을(를) 쓸 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>Exported {0} samples to {1}.</source>
        <translation>샘플 {0}개를 {1}(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>{0} cannot be used: {1}</source>
        <translation>{0}은(는) 사용할 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>{0} cannot be used: it is damaged ({1}).</source>
        <translation>{0}은(는) 쓸 수 없습니다: 파일이 손상되었습니다({1}).</translation>
    </message>
    <message>
        <source>Imported {0} samples from {1}.</source>
        <translation>{1}에서 샘플 {0}개를 가져왔습니다.</translation>
    </message>
    <message>
        <source>Zip of PNGs and a CSV (*.zip);;NumPy archive (*.npz)</source>
        <translation>PNG와 CSV를 담은 zip (*.zip);;NumPy 압축 파일 (*.npz)</translation>
    </message>
    <message>
        <source>Export your digits</source>
        <translation>내 숫자 내보내기</translation>
    </message>
    <message>
        <source>Import digits</source>
        <translation>숫자 가져오기</translation>
    </message>
    <message>
        <source>Replace your {0} stored samples with the file&apos;s?</source>
        <translation>저장된 샘플 {0}개를 파일의 샘플로 바꿀까요?</translation>
    </message>
</context>
<context>
    <name>GradientTab</name>
    <message>
        <source>Derivative</source>
        <translation>미분</translation>
    </message>
    <message>
        <source>Gradient field</source>
        <translation>기울기 벡터장</translation>
    </message>
    <message>
        <source>Partial derivatives</source>
        <translation>편미분</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>경사 하강법</translation>
    </message>
    <message>
        <source>Optimizer race</source>
        <translation>옵티마이저 경주</translation>
    </message>
    <message>
        <source>Loss functions</source>
        <translation>손실 함수</translation>
    </message>
    <message>
        <source>simpleNet</source>
        <translation>simpleNet</translation>
    </message>
    <message>
        <source>x0² + x1²  (the course&apos;s function_2)</source>
        <translation>x0² + x1²  (교재의 function_2)</translation>
    </message>
    <message>
        <source>x²/20 + y²  (long, narrow valley)</source>
        <translation>x²/20 + y²  (길고 좁은 골짜기)</translation>
    </message>
    <message>
        <source>x² − y²  (saddle)</source>
        <translation>x² − y²  (안장점)</translation>
    </message>
    <message>
        <source>Rosenbrock  (1 − x)² + 100 (y − x²)²</source>
        <translation>로젠브록  (1 − x)² + 100 (y − x²)²</translation>
    </message>
    <message>
        <source>f(x) = 0.01x² + 0.1x  (function_1)</source>
        <translation>f(x) = 0.01x² + 0.1x  (function_1)</translation>
    </message>
    <message>
        <source>f(x) = x²</source>
        <translation>f(x) = x²</translation>
    </message>
    <message>
        <source>f(x) = sin x</source>
        <translation>f(x) = sin x</translation>
    </message>
    <message>
        <source>f(x) = eˣ</source>
        <translation>f(x) = eˣ</translation>
    </message>
    <message>
        <source>overflow</source>
        <translation>오버플로</translation>
    </message>
</context>
<context>
    <name>HandwritingPanel</name>
    <message>
        <source>Draw a digit first, then say which digit it is.</source>
        <translation>먼저 숫자를 그린 다음 어떤 숫자인지 알려 주세요.</translation>
    </message>
    <message>
        <source>Could not store the sample: {0}</source>
        <translation>샘플을 저장할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Stored as a {0} in your digits ({1} in all).</source>
        <translation>내 숫자에 {0}(으)로 저장했습니다(모두 {1}개).</translation>
    </message>
    <message>
        <source>Stored as a {0} (the network said {2}) in your digits ({1} in all).</source>
        <translation>내 숫자에 {0}(으)로 저장했습니다(신경망의 답은 {2}, 모두 {1}개).</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>The weight matrix whose health the plots show</source>
        <translation>그래프가 상태를 보여 주는 가중치 행렬</translation>
    </message>
    <message>
        <source>Health of the layer</source>
        <translation>층의 상태</translation>
    </message>
    <message>
        <source>Measured on a fixed batch of 100 training images about four times a second</source>
        <translation>고정된 훈련 이미지 100장 배치로 1초에 네 번쯤 측정</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>층:</translation>
    </message>
    <message>
        <source>at the start</source>
        <translation>시작할 때</translation>
    </message>
    <message>
        <source>now</source>
        <translation>지금</translation>
    </message>
    <message>
        <source>Weights now and at the start</source>
        <translation>가중치: 지금과 시작할 때</translation>
    </message>
    <message>
        <source>weight value</source>
        <translation>가중치 값</translation>
    </message>
    <message>
        <source>Update/weight |lr·grad|/|W| (aim ~1e-3)</source>
        <translation>갱신/가중치 |lr·grad|/|W| (목표 ~1e-3)</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>반복</translation>
    </message>
    <message>
        <source>Gradient norm |dL/dW|</source>
        <translation>기울기 크기 |dL/dW|</translation>
    </message>
    <message>
        <source>Dead or saturated units (%)</source>
        <translation>죽은 또는 포화된 뉴런 (%)</translation>
    </message>
    <message>
        <source>Start a run: the weights&apos; health appears here while it trains.</source>
        <translation>학습을 시작하세요: 학습하는 동안 가중치의 상태가 여기 나타납니다.</translation>
    </message>
    <message>
        <source>{0} at iteration {1}: |W| {2:.3g}, |dL/dW| {3:.3g}, update/weight {4:.1e}</source>
        <translation>{0}, 반복 {1}: |W| {2:.3g}, |dL/dW| {3:.3g}, 갱신/가중치 {4:.1e}</translation>
    </message>
    <message>
        <source>; dead ReLU units {0:.0%}</source>
        <translation>; 죽은 ReLU 뉴런 {0:.0%}</translation>
    </message>
    <message>
        <source>; saturated sigmoid units {0:.0%}</source>
        <translation>; 포화된 시그모이드 뉴런 {0:.0%}</translation>
    </message>
</context>
<context>
    <name>HintCard</name>
    <message>
        <source>The loss diverged</source>
        <translation>손실이 발산했습니다</translation>
    </message>
    <message>
        <source>Learning too slowly</source>
        <translation>학습이 너무 느립니다</translation>
    </message>
    <message>
        <source>Overfitting</source>
        <translation>오버피팅</translation>
    </message>
    <message>
        <source>Saturated sigmoid units</source>
        <translation>포화된 시그모이드 뉴런</translation>
    </message>
    <message>
        <source>Dead ReLU units</source>
        <translation>죽은 ReLU 뉴런</translation>
    </message>
    <message>
        <source>Learning rate far from the range test&apos;s suggestion</source>
        <translation>범위 테스트의 제안과 동떨어진 학습률</translation>
    </message>
    <message>
        <source>At iteration {0} the loss reached {1:.3g} with learning rate {2:g}.</source>
        <translation>반복 {0}에서 학습률 {2:g}로 손실이 {1:.3g}에 이르렀습니다.</translation>
    </message>
    <message>
        <source>After {0} iterations the loss fell only {1:.0%} (from {2:.3f} to {3:.3f}) with learning rate {4:g}.</source>
        <translation>학습률 {4:g}로 {0}회 반복한 뒤에도 손실이 {1:.0%}만 줄었습니다 ({2:.3f}에서 {3:.3f}로).</translation>
    </message>
    <message>
        <source>Epoch {0}: train accuracy {1:.1%}, test accuracy {2:.1%}: a gap of {3:.1%} that is not closing.</source>
        <translation>에폭 {0}: 훈련 정확도 {1:.1%}, 시험 정확도 {2:.1%}: {3:.1%}의 차이가 줄지 않습니다.</translation>
    </message>
    <message>
        <source>{0:.0%} of a layer&apos;s sigmoid units output below 0.01 or above 0.99 on most probe images (iteration {1}).</source>
        <translation>한 층의 시그모이드 뉴런 중 {0:.0%}가 대부분의 측정 이미지에서 0.01 미만 또는 0.99 초과를 출력합니다 (반복 {1}).</translation>
    </message>
    <message>
        <source>{0:.0%} of a layer&apos;s ReLU units output 0 on every probe image (iteration {1}).</source>
        <translation>한 층의 ReLU 뉴런 중 {0:.0%}가 모든 측정 이미지에서 0을 출력합니다 (반복 {1}).</translation>
    </message>
    <message>
        <source>The learning rate {0:g} is {1:.2g} times the range test&apos;s suggestion {2:g}.</source>
        <translation>학습률 {0:g}는 범위 테스트가 제안한 {2:g}의 {1:.2g}배입니다.</translation>
    </message>
    <message>
        <source>Gradient descent moves every weight by the learning rate times its gradient (W &lt;- W - lr * dL/dW). When that step is too large it jumps across the valley of the loss to a point higher up, where the gradient is larger still, so the next step is larger again: the loss grows instead of falling. A smaller learning rate takes smaller steps.</source>
        <translation>경사 하강법은 모든 가중치를 학습률 곱하기 기울기만큼 옮깁니다 (W &lt;- W - lr * dL/dW). 이 한 걸음이 너무 크면 손실의 골짜기를 건너뛰어 더 높은 곳에 닿고, 그곳의 기울기는 더 커서 다음 걸음은 더욱 커집니다: 손실이 줄지 않고 커집니다. 학습률을 낮추면 걸음이 작아집니다.</translation>
    </message>
    <message>
        <source>Each step moves the weights by the learning rate times the gradient. With a tiny learning rate the steps are so small that the loss hardly changes: the network is heading the right way but would need thousands of epochs. The course trains this network with 0.1.</source>
        <translation>한 걸음마다 가중치는 학습률 곱하기 기울기만큼 움직입니다. 학습률이 아주 작으면 걸음이 너무 작아 손실이 거의 변하지 않습니다: 신경망은 옳은 방향으로 가고 있지만 수천 에폭이 필요할 것입니다. 강의는 이 신경망을 0.1로 학습합니다.</translation>
    </message>
    <message>
        <source>The network is memorising its training images instead of learning what makes a digit: the loss on the training data keeps falling while the accuracy on images it never saw stops improving. Weight decay adds 0.5 * lambda * sum(W^2) to the loss, so large weights cost something and the network prefers simpler answers; more training images or dropout help too.</source>
        <translation>신경망이 숫자를 숫자이게 하는 특징을 배우는 대신 훈련 이미지를 외우고 있습니다: 훈련 데이터의 손실은 계속 줄지만 본 적 없는 이미지의 정확도는 더 나아지지 않습니다. 가중치 감소는 손실에 0.5 * lambda * sum(W^2)를 더해 큰 가중치에 대가를 매기므로 신경망이 더 단순한 답을 고릅니다. 훈련 이미지를 늘리거나 드롭아웃을 써도 도움이 됩니다.</translation>
    </message>
    <message>
        <source>The sigmoid&apos;s slope is y(1 - y): at 0.01 or 0.99 it is below 0.01, so backpropagation multiplies the gradient by almost zero and these units stop learning (the vanishing gradient). Large initial weights push the weighted sums far from 0. Xavier initialisation (standard deviation 1/sqrt(n)) keeps them in the sigmoid&apos;s steep middle.</source>
        <translation>시그모이드의 기울기는 y(1 - y)입니다: 출력이 0.01이나 0.99이면 기울기가 0.01보다 작아서, 역전파가 기울기에 거의 0을 곱하게 되고 이 뉴런들은 학습을 멈춥니다 (기울기 소실). 초기 가중치가 크면 가중합이 0에서 멀리 밀려납니다. Xavier 초깃값(표준편차 1/sqrt(n))은 가중합을 시그모이드의 가파른 가운데에 머물게 합니다.</translation>
    </message>
    <message>
        <source>ReLU passes a positive input and outputs 0 otherwise, and then its gradient is 0 too: a unit whose weighted sum is negative for every image never changes again. Too large a step can push many units there at once. He initialisation (standard deviation sqrt(2/n)) and a smaller learning rate keep more of them alive.</source>
        <translation>ReLU는 양수 입력은 그대로 통과시키고 그 밖에는 0을 출력하며, 이때 기울기도 0입니다: 모든 이미지에서 가중합이 음수인 뉴런은 다시는 바뀌지 않습니다. 너무 큰 걸음은 많은 뉴런을 한꺼번에 그곳으로 밀어 넣을 수 있습니다. He 초깃값(표준편차 sqrt(2/n))과 더 작은 학습률이 더 많은 뉴런을 살려 둡니다.</translation>
    </message>
    <message>
        <source>The range test trained for a moment with the learning rate growing at every step and watched the loss: where it fell fastest the steps were about right, where it rose they overshot. A rate ten times away from its suggestion is likely to crawl or to diverge.</source>
        <translation>범위 테스트는 걸음마다 학습률을 키우며 잠깐 학습하고 손실을 지켜보았습니다: 손실이 가장 빨리 줄어든 곳의 걸음은 알맞았고, 손실이 오른 곳의 걸음은 지나쳤습니다. 제안에서 열 배 떨어진 학습률은 기어가거나 발산하기 쉽습니다.</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>initial weights</source>
        <translation>가중치 초깃값</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>가중치 감소</translation>
    </message>
    <message>
        <source>Apply: {0}</source>
        <translation>적용: {0}</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>왜?</translation>
    </message>
    <message>
        <source>What this means, in the course&apos;s terms</source>
        <translation>강의의 용어로 본 뜻</translation>
    </message>
    <message>
        <source>Change this setting for the next run</source>
        <translation>다음 학습에 쓸 설정을 바꿉니다</translation>
    </message>
</context>
<context>
    <name>HintList</name>
    <message>
        <source>Hints</source>
        <translation>조언</translation>
    </message>
    <message>
        <source>No hints: nothing unusual in this run so far.</source>
        <translation>조언 없음: 지금까지 이 학습에 특이한 점이 없습니다.</translation>
    </message>
</context>
<context>
    <name>InputView</name>
    <message>
        <source>x (1×{0})</source>
        <translation>x (1×{0})</translation>
    </message>
    <message>
        <source>y (1×{0})</source>
        <translation>y (1×{0})</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the network sees&lt;/b&gt;</source>
        <translation>&lt;b&gt;신경망이 보는 것&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Flatten to the 784-vector x</source>
        <translation>784차원 벡터 x로 평탄화</translation>
    </message>
    <message>
        <source>The network does not see a picture: the 28 rows are laid end to end as one row of 784 numbers, x, which is multiplied by the weight matrix W1.</source>
        <translation>신경망은 그림을 보지 않습니다: 28개의 행을 이어 붙인 784개의 수 한 행이 x이고, x에 가중치 행렬 W1을 곱합니다.</translation>
    </message>
    <message>
        <source>No model: no forward pass.</source>
        <translation>모델 없음: 순전파 없음.</translation>
    </message>
    <message>
        <source>x has shape 1×784: row 0 of the image is x[0:28], row 1 is x[28:56], … Each column is one input number (white = 1, black = 0).</source>
        <translation>x의 형상은 1×784: 이미지의 0행이 x[0:28], 1행이 x[28:56], … 각 열이 입력값 하나입니다(흰색 = 1, 검은색 = 0).</translation>
    </message>
    <message>
        <source>28×28 pixels after preprocessing (crop, scale to 20 px, centre): white = ink = 1.0, black = paper = 0.0.</source>
        <translation>전처리(자르기, 20픽셀로 축소, 가운데 맞춤) 후 28×28 픽셀: 흰색 = 잉크 = 1.0, 검은색 = 종이 = 0.0.</translation>
    </message>
</context>
<context>
    <name>InsideTab</name>
    <message>
        <source>One neuron (click it)</source>
        <translation>뉴런 하나 (클릭하세요)</translation>
    </message>
    <message>
        <source>The course&apos;s chapter 3</source>
        <translation>강의 3장</translation>
    </message>
    <message>
        <source>The lab (edit a copy and watch)</source>
        <translation>실험실 (사본을 고치며 지켜보기)</translation>
    </message>
    <message>
        <source>Backward, for this one drawing</source>
        <translation>이 그림 하나의 역전파</translation>
    </message>
    <message>
        <source>Where it sits among all digits (map)</source>
        <translation>모든 숫자 사이의 위치 (지도)</translation>
    </message>
    <message>
        <source>Draw here or on the Draw tab: the network follows.</source>
        <translation>여기나 그리기 탭에 그리세요: 신경망이 따라 움직입니다.</translation>
    </message>
    <message>
        <source>Small drawing canvas</source>
        <translation>작은 그리기 캔버스</translation>
    </message>
    <message>
        <source>Sections of the Inside tab</source>
        <translation>신경망 내부 탭의 항목</translation>
    </message>
    <message>
        <source>One image:</source>
        <translation>이미지 한 장:</translation>
    </message>
    <message>
        <source>A batch of 100:</source>
        <translation>배치 100장:</translation>
    </message>
</context>
<context>
    <name>InsideView</name>
    <message>
        <source>&lt;b&gt;A look inside&lt;/b&gt;</source>
        <translation>&lt;b&gt;신경망 속 들여다보기&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Heatmaps: the output of every hidden neuron for your drawing (bright = active). Last: what the first 16 neurons of layer 1 look for: their weights from the 784 pixels, shown as 28×28 (red = positive weight, blue = negative).</source>
        <translation>히트맵: 그린 숫자에 대한 모든 은닉 뉴런의 출력(밝을수록 활성). 마지막: 1층의 처음 16개 뉴런이 찾는 패턴, 즉 784개 픽셀에서 오는 가중치를 28×28로 표시(빨강 = 양의 가중치, 파랑 = 음의 가중치).</translation>
    </message>
    <message>
        <source>hidden layer {0}: {1} neurons</source>
        <translation>은닉층 {0}: 뉴런 {1}개</translation>
    </message>
    <message>
        <source>W1 columns 1–{0}</source>
        <translation>W1의 1–{0}열</translation>
    </message>
    <message>
        <source>A convolutional network: first layer 1&apos;s filters (a small square of weights each, red = positive, blue = negative), then each convolution stage&apos;s feature maps for your drawing after ReLU (bright = active), then the neurons of the fully connected layers.</source>
        <translation>합성곱 신경망: 먼저 1층의 필터(각각 작은 정사각형 모양의 가중치, 빨강 = 양수, 파랑 = 음수), 그다음 그린 숫자에 대한 각 합성곱 단계의 ReLU 뒤 특징 맵(밝을수록 활성), 마지막으로 완전연결 계층의 뉴런입니다.</translation>
    </message>
    <message>
        <source>W1: {0} filters {1}×{1}</source>
        <translation>W1: 필터 {0}개 {1}×{1}</translation>
    </message>
    <message>
        <source>conv {0}: {1} feature maps</source>
        <translation>합성곱 {0}: 특징 맵 {1}개</translation>
    </message>
</context>
<context>
    <name>LabPanel</name>
    <message>
        <source>&lt;b&gt;The lab: edit a copy and watch&lt;/b&gt;</source>
        <translation>&lt;b&gt;실험실: 사본을 고치며 지켜보기&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Every edit changes a copy of the model: the Draw tab&apos;s bars answer with it at once. Click a neuron in the map to choose it, double-click to switch it off. Test accuracy runs the edited network on the 10,000 MNIST test images.</source>
        <translation>모든 수정은 모델의 사본을 바꿉니다. 그리기 탭의 막대가 곧바로 그 사본으로 답합니다. 지도에서 뉴런을 클릭하면 고르고, 더블클릭하면 끕니다. 시험 정확도는 고친 신경망을 MNIST 시험 이미지 10,000장으로 잽니다.</translation>
    </message>
    <message>
        <source>Neuron:</source>
        <translation>뉴런:</translation>
    </message>
    <message>
        <source>Scale its weights by:</source>
        <translation>가중치에 곱할 값:</translation>
    </message>
    <message>
        <source>Set its bias to:</source>
        <translation>편향을 이 값으로:</translation>
    </message>
    <message>
        <source>Prune smallest |w| (%):</source>
        <translation>가장 작은 |w| 가지치기(%):</translation>
    </message>
    <message>
        <source>Weight noise (× each layer&apos;s spread):</source>
        <translation>가중치 잡음(× 층마다의 퍼짐):</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>The layer of the neuron to edit</source>
        <translation>고칠 뉴런이 있는 층</translation>
    </message>
    <message>
        <source>Neuron number</source>
        <translation>뉴런 번호</translation>
    </message>
    <message>
        <source>The neuron to edit, counted from 0 (or click it in the map)</source>
        <translation>고칠 뉴런, 0부터 셉니다(지도에서 클릭해도 됩니다)</translation>
    </message>
    <message>
        <source>Neurons of the layer</source>
        <translation>층의 뉴런</translation>
    </message>
    <message>
        <source>This layer&apos;s neurons for your drawing (bright = active); click one to choose it, double-click to switch it off</source>
        <translation>그린 숫자에 대한 이 층의 뉴런(밝을수록 활성). 클릭하면 고르고, 더블클릭하면 끕니다</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>끄기</translation>
    </message>
    <message>
        <source>Switch the neuron off: its outgoing weights become 0, so the next layer no longer hears it</source>
        <translation>뉴런을 끕니다: 나가는 가중치가 0이 되어 다음 층이 더는 그 출력을 받지 않습니다</translation>
    </message>
    <message>
        <source>Scale factor</source>
        <translation>곱할 값</translation>
    </message>
    <message>
        <source>The factor for the neuron&apos;s incoming weights</source>
        <translation>뉴런으로 들어오는 가중치에 곱할 값</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>곱하기</translation>
    </message>
    <message>
        <source>Multiply the neuron&apos;s incoming weights by the factor</source>
        <translation>뉴런으로 들어오는 가중치에 이 값을 곱합니다</translation>
    </message>
    <message>
        <source>New bias</source>
        <translation>새 편향</translation>
    </message>
    <message>
        <source>The neuron&apos;s new bias b</source>
        <translation>뉴런의 새 편향 b</translation>
    </message>
    <message>
        <source>Set bias</source>
        <translation>편향 바꾸기</translation>
    </message>
    <message>
        <source>Give the neuron this bias</source>
        <translation>뉴런의 편향을 이 값으로 바꿉니다</translation>
    </message>
    <message>
        <source>Percent to prune</source>
        <translation>가지칠 비율</translation>
    </message>
    <message>
        <source>How many of each layer&apos;s weights to set to 0, the smallest |w| first</source>
        <translation>층마다 가중치를 몇 %나 0으로 할지, |w|가 가장 작은 것부터</translation>
    </message>
    <message>
        <source>Prune</source>
        <translation>가지치기</translation>
    </message>
    <message>
        <source>Set the smallest weights of every layer to 0</source>
        <translation>모든 층에서 가장 작은 가중치를 0으로 합니다</translation>
    </message>
    <message>
        <source>Noise size</source>
        <translation>잡음 크기</translation>
    </message>
    <message>
        <source>The noise&apos;s standard deviation, as a multiple of each layer&apos;s own weight spread</source>
        <translation>잡음의 표준편차, 층마다 가중치 퍼짐(표준편차)의 몇 배인지</translation>
    </message>
    <message>
        <source>Add noise</source>
        <translation>잡음 더하기</translation>
    </message>
    <message>
        <source>Add random Gaussian noise to every weight</source>
        <translation>모든 가중치에 무작위 가우시안 잡음을 더합니다</translation>
    </message>
    <message>
        <source>Undo edit</source>
        <translation>수정 되돌리기</translation>
    </message>
    <message>
        <source>Take back the last edit</source>
        <translation>마지막 수정을 되돌립니다</translation>
    </message>
    <message>
        <source>Reset all</source>
        <translation>모두 되돌리기</translation>
    </message>
    <message>
        <source>Take back every edit: the model as it was</source>
        <translation>모든 수정을 되돌려 원래 모델로</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>시험 정확도</translation>
    </message>
    <message>
        <source>Measure the edited network on the 10,000 MNIST test images (in the background)</source>
        <translation>고친 신경망을 MNIST 시험 이미지 10,000장으로 잽니다(백그라운드에서)</translation>
    </message>
    <message>
        <source>Sweep over</source>
        <translation>훑을 대상</translation>
    </message>
    <message>
        <source>What the sweep changes step by step</source>
        <translation>훑기가 단계마다 바꾸는 것</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>훑기</translation>
    </message>
    <message>
        <source>Test accuracy of the edited network at many pruning or noise levels, plotted</source>
        <translation>여러 가지치기·잡음 수준에서 고친 신경망의 시험 정확도를 그래프로</translation>
    </message>
    <message>
        <source>Save edited network as…</source>
        <translation>고친 신경망을 다른 이름으로 저장…</translation>
    </message>
    <message>
        <source>Save the edited network as a new model file (never over the shipped model)</source>
        <translation>고친 신경망을 새 모델 파일로 저장합니다(기본 제공 모델은 절대 덮어쓰지 않음)</translation>
    </message>
    <message>
        <source>Accuracy against the sweep</source>
        <translation>훑기에 따른 정확도</translation>
    </message>
    <message>
        <source>Test accuracy at each level of the last sweep</source>
        <translation>마지막 훑기의 수준마다 시험 정확도</translation>
    </message>
    <message>
        <source>Pruning (%)</source>
        <translation>가지치기(%)</translation>
    </message>
    <message>
        <source>That edit cannot be made: {0}</source>
        <translation>그 수정은 할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>hidden layer {0} ({1} neurons)</source>
        <translation>은닉층 {0} (뉴런 {1}개)</translation>
    </message>
    <message>
        <source>neuron {1} of layer {0} off</source>
        <translation>{0}층 뉴런 {1} 끔</translation>
    </message>
    <message>
        <source>neuron {1} of layer {0} × {2:g}</source>
        <translation>{0}층 뉴런 {1} × {2:g}</translation>
    </message>
    <message>
        <source>bias of neuron {1} of layer {0} = {2:g}</source>
        <translation>{0}층 뉴런 {1}의 편향 = {2:g}</translation>
    </message>
    <message>
        <source>{0:g}% of the weights pruned</source>
        <translation>가중치 {0:g}% 가지침</translation>
    </message>
    <message>
        <source>noise {0:g} added</source>
        <translation>잡음 {0:g} 더함</translation>
    </message>
    <message>
        <source>No edits: the model as it was.</source>
        <translation>수정 없음: 원래 모델 그대로.</translation>
    </message>
    <message>
        <source>Edits ({0}): {1}</source>
        <translation>수정 {0}개: {1}</translation>
    </message>
    <message>
        <source>The lab edits fully connected networks; this model has convolution layers.</source>
        <translation>실험실은 완전연결 신경망을 고칩니다. 이 모델에는 합성곱 계층이 있습니다.</translation>
    </message>
    <message>
        <source>Draw a digit to see the edited network&apos;s answer.</source>
        <translation>숫자를 그리면 고친 신경망의 답을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Edited network: {0} ({1:.1%}) · as it was: {2} ({3:.1%})</source>
        <translation>고친 신경망: {0} ({1:.1%}) · 원래: {2} ({3:.1%})</translation>
    </message>
    <message>
        <source>Test accuracy of the edited network: {0:.2%} (10,000 images in {1:.2f} s)</source>
        <translation>고친 신경망의 시험 정확도: {0:.2%} (이미지 10,000장에 {1:.2f}초)</translation>
    </message>
    <message>
        <source>as it was: {0:.2%}</source>
        <translation>원래: {0:.2%}</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>재는 중…</translation>
    </message>
    <message>
        <source>Pruned (%)</source>
        <translation>가지친 비율(%)</translation>
    </message>
    <message>
        <source>The test images could not be used: {0}</source>
        <translation>시험 이미지를 쓸 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Save edited network</source>
        <translation>고친 신경망 저장</translation>
    </message>
    <message>
        <source>DigitLab model (*.npz)</source>
        <translation>DigitLab 모델 (*.npz)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>파일을 바꿀까요?</translation>
    </message>
    <message>
        <source>{0} already exists. Replace it with the edited network?</source>
        <translation>{0}이(가) 이미 있습니다. 고친 신경망으로 바꿀까요?</translation>
    </message>
    <message>
        <source>DigitLab&apos;s shipped model is never written over: choose another name.</source>
        <translation>DigitLab의 기본 제공 모델은 덮어쓰지 않습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <source>The edited network was not saved (it is still here): {0}</source>
        <translation>고친 신경망을 저장하지 못했습니다(신경망은 그대로 있습니다): {0}</translation>
    </message>
    <message>
        <source>Edited network saved as {0}.</source>
        <translation>고친 신경망을 {0}(으)로 저장했습니다.</translation>
    </message>
</context>
<context>
    <name>LabelBar</name>
    <message>
        <source>This is a</source>
        <translation>이 숫자는</translation>
    </message>
    <message>
        <source>Store this drawing as a {0} in your personal digits (Alt+{0})</source>
        <translation>이 그림을 내 숫자에 {0}(으)로 저장합니다 (Alt+{0})</translation>
    </message>
    <message>
        <source>Every fifth sample you label is kept for testing: this is how many of those the model in use reads right.</source>
        <translation>분류한 샘플의 다섯 번째마다 시험용으로 남겨 둡니다: 사용 중인 모델이 그중 몇 개를 맞히는지 보여 줍니다.</translation>
    </message>
    <message>
        <source>keep the drawing</source>
        <translation>그림 유지</translation>
    </message>
    <message>
        <source>Off: the canvas is cleared after “This is a …” for the next sample (Ctrl+Z brings the drawing back). On: the drawing stays.</source>
        <translation>끄면: “이 숫자는 …” 뒤에 다음 샘플을 위해 캔버스를 지웁니다(Ctrl+Z로 그림을 되살립니다). 켜면: 그림이 남습니다.</translation>
    </message>
    <message>
        <source>Your digits…</source>
        <translation>내 숫자…</translation>
    </message>
    <message>
        <source>See the digits you stored, delete or relabel them, export or import them</source>
        <translation>저장한 숫자를 보고, 지우거나 레이블을 바꾸고, 내보내거나 가져옵니다</translation>
    </message>
    <message>
        <source>Fine-tune…</source>
        <translation>미세 조정…</translation>
    </message>
    <message>
        <source>Train the model in use a little on your digits mixed with MNIST</source>
        <translation>사용 중인 모델을 내 숫자와 MNIST를 섞어 조금 더 학습합니다</translation>
    </message>
    <message>
        <source>This is a {0}</source>
        <translation>이것은 {0}</translation>
    </message>
    <message>
        <source>This is a {0}: store the drawing</source>
        <translation>이 숫자는 {0}: 그림 저장</translation>
    </message>
    <message>
        <source>{0} of your digits stored ({1} to learn from, {2} held out for testing)</source>
        <translation>내 숫자 {0}개 저장됨 (학습용 {1}개, 시험용 {2}개)</translation>
    </message>
    <message>
        <source>{0} stored · model reads {1} of {2} test digits right ({3:.0%})</source>
        <translation>{0}개 저장됨 · 모델이 시험 숫자 {2}개 중 {1}개를 맞힘 ({3:.0%})</translation>
    </message>
</context>
<context>
    <name>LazyTab</name>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>This part of DigitLab is not installed.</source>
        <translation>DigitLab의 이 부분은 설치되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>This tab could not be loaded because of an error: {0}</source>
        <translation>이 탭을 불러오지 못했습니다. 오류: {0}</translation>
    </message>
    <message>
        <source>The details are in {0}.</source>
        <translation>자세한 내용은 {0}에 있습니다.</translation>
    </message>
</context>
<context>
    <name>LoopListing</name>
    <message>
        <source>What the loop prints</source>
        <translation>루프가 출력하는 내용</translation>
    </message>
    <message>
        <source>The train and test accuracy of each record, as the loop&apos;s print() shows them (4 decimals)</source>
        <translation>기록할 때마다의 훈련 정확도와 시험 정확도를 루프의 print()처럼 보여 줍니다 (소수점 4자리)</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>Target t (one-hot)</source>
        <translation>정답 t (원-핫)</translation>
    </message>
    <message>
        <source>The right answer: t is 1 at this class, 0 elsewhere</source>
        <translation>정답: t는 이 클래스에서 1, 나머지에서 0</translation>
    </message>
    <message>
        <source>The predicted probability of class {0}; the others change so that y still sums to 1</source>
        <translation>클래스 {0}의 예측 확률; y의 합이 1이 되도록 나머지가 바뀝니다</translation>
    </message>
    <message>
        <source>Course&apos;s first y (2 is likely)</source>
        <translation>교재의 첫 번째 y (2일 확률이 높음)</translation>
    </message>
    <message>
        <source>Course&apos;s second y (7 is likely)</source>
        <translation>교재의 두 번째 y (7일 확률이 높음)</translation>
    </message>
    <message>
        <source>The course&apos;s y1: the network says 2 with 0.6, the right answer</source>
        <translation>강의의 y1: 신경망이 0.6의 확률로 정답 2라고 예측</translation>
    </message>
    <message>
        <source>The course&apos;s y2: the network says 7 with 0.6, a wrong answer</source>
        <translation>강의의 y2: 신경망이 0.6의 확률로 틀린 답 7이라고 예측</translation>
    </message>
    <message>
        <source>class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>y (bars) against the one-hot t (outlined)</source>
        <translation>y(막대)와 원-핫 t(테두리)</translation>
    </message>
    <message>
        <source>y[target]</source>
        <translation>y[target]</translation>
    </message>
    <message>
        <source>Cross-entropy only looks at the target: −log y[target]</source>
        <translation>교차 엔트로피 오차는 정답만 봅니다: −log y[target]</translation>
    </message>
    <message>
        <source>Target t (one-hot):</source>
        <translation>정답 t (원-핫):</translation>
    </message>
    <message>
        <source>MSE = {v}</source>
        <translation>평균 제곱 오차 = {v}</translation>
    </message>
    <message>
        <source>Cross-entropy = {v}</source>
        <translation>교차 엔트로피 오차 = {v}</translation>
    </message>
    <message>
        <source>The course prints MSE {mse} and cross-entropy {cee} for this y.</source>
        <translation>교재는 이 y에 대해 평균 제곱 오차 {mse}, 교차 엔트로피 오차 {cee}를 출력합니다.</translation>
    </message>
</context>
<context>
    <name>LrFinderPanel</name>
    <message>
        <source>Find a learning rate</source>
        <translation>학습률 찾기</translation>
    </message>
    <message>
        <source>Train a copy for up to 100 mini-batches with the learning rate growing from 0.00001 to 10, and plot the loss at each rate</source>
        <translation>복사본을 최대 100개 미니배치 동안 학습률을 0.00001에서 10까지 키우며 학습하고, 학습률마다 손실을 그립니다</translation>
    </message>
    <message>
        <source>Use this rate</source>
        <translation>이 학습률 쓰기</translation>
    </message>
    <message>
        <source>Put the suggested learning rate into the settings</source>
        <translation>제안된 학습률을 설정에 넣습니다</translation>
    </message>
    <message>
        <source>Suggested learning rate</source>
        <translation>제안된 학습률</translation>
    </message>
    <message>
        <source>Loss against the learning rate</source>
        <translation>학습률에 따른 손실</translation>
    </message>
    <message>
        <source>The range test trains a copy of the network for a moment, the learning rate growing at every step, and suggests a rate a tenth of where the loss was lowest.</source>
        <translation>범위 테스트는 신경망의 복사본을 걸음마다 학습률을 키우며 잠깐 학습하고, 손실이 가장 낮았던 학습률의 10분의 1을 제안합니다.</translation>
    </message>
    <message>
        <source>Range test: loss at each rate</source>
        <translation>범위 테스트: 학습률별 손실</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Sweeping the learning rate...</source>
        <translation>학습률을 훑는 중...</translation>
    </message>
    <message>
        <source>Suggested learning rate: {0:g} (a tenth of {1:.3g}, where the smoothed loss was lowest).</source>
        <translation>제안된 학습률: {0:g} (평활한 손실이 가장 낮았던 {1:.3g}의 10분의 1).</translation>
    </message>
    <message>
        <source>The range test failed; press the button to try again.</source>
        <translation>범위 테스트가 실패했습니다. 버튼을 눌러 다시 해 보세요.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DigitLab</source>
        <translation>DigitLab</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>그리기</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>경사 하강법</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>신경망 내부</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <source>Model: {0}</source>
        <translation>모델: {0}</translation>
    </message>
    <message>
        <source>DigitLab — {0}</source>
        <translation>DigitLab — {0}</translation>
    </message>
    <message>
        <source>Edited on the Inside tab</source>
        <translation>신경망 내부 탭에서 고친 모델</translation>
    </message>
    <message>
        <source>Training (live)</source>
        <translation>학습 중 (실시간)</translation>
    </message>
    <message>
        <source>Trained just now</source>
        <translation>방금 학습한 모델</translation>
    </message>
    <message>
        <source>The Draw tab now answers with the network you trained: draw a digit to try it.</source>
        <translation>이제 그리기 탭은 방금 학습한 신경망으로 답합니다: 숫자를 그려 보세요.</translation>
    </message>
    <message>
        <source>a test image under {0}</source>
        <translation>{0} 손상을 입힌 시험 이미지</translation>
    </message>
    <message>
        <source>a misclassified test image</source>
        <translation>잘못 분류된 시험 이미지</translation>
    </message>
    <message>
        <source>There is no trained model to save yet.</source>
        <translation>아직 저장할 학습된 모델이 없습니다.</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>This tab shows no plot to export: open a tab or panel with a plot.</source>
        <translation>이 탭에는 내보낼 그래프가 없습니다: 그래프가 있는 탭이나 패널을 여세요.</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 이미지 (*.png);;SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <source>Could not write the plot to {0}: {1}</source>
        <translation>그래프를 {0}에 쓸 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>Plot written to {0}</source>
        <translation>그래프를 {0}에 저장했습니다</translation>
    </message>
    <message>
        <source>The drawing is on the clipboard.</source>
        <translation>그림을 클립보드에 복사했습니다.</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>기본값으로 되돌리기</translation>
    </message>
    <message>
        <source>Forget every remembered setting (window, language, theme, pen, model, training settings) and go back to the defaults?</source>
        <translation>기억해 둔 설정(창, 언어, 테마, 펜, 모델, 학습 설정)을 모두 지우고 기본값으로 되돌릴까요?</translation>
    </message>
    <message>
        <source>Every setting is back to its default. View &gt; Undo reset to defaults brings yours back.</source>
        <translation>모든 설정이 기본값으로 돌아갔습니다. 보기 &gt; 기본값으로 되돌리기 취소로 내 설정을 되살릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Your settings are back as they were before the reset.</source>
        <translation>설정이 기본값으로 되돌리기 전 상태로 돌아왔습니다.</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>&lt;b&gt;Where it sits among all digits&lt;/b&gt;</source>
        <translation>&lt;b&gt;모든 숫자 사이에서 어디에 있나&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Each point is one of {0:,} MNIST test images, placed by the two directions along which that layer&apos;s activations vary most (PCA). Watch the digits separate layer by layer; the star is your drawing. Point at a dot to see its image.</source>
        <translation>점 하나는 MNIST 시험 이미지 {0:,}장 중 하나로, 그 층의 활성화가 가장 크게 변하는 두 방향(주성분 분석, PCA)에 놓입니다. 층을 지날수록 숫자들이 갈라지는 모습을 보세요. 별은 그린 숫자입니다. 점을 가리키면 그 이미지가 보입니다.</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>층:</translation>
    </message>
    <message>
        <source>Layer on the map</source>
        <translation>지도에 보일 층</translation>
    </message>
    <message>
        <source>Whose activations the map shows</source>
        <translation>지도가 보여 주는 활성화의 층</translation>
    </message>
    <message>
        <source>PCA map</source>
        <translation>PCA 지도</translation>
    </message>
    <message>
        <source>Test images coloured by their label; the star is your drawing</source>
        <translation>레이블별 색의 시험 이미지, 별은 그린 숫자</translation>
    </message>
    <message>
        <source>Image under the pointer</source>
        <translation>가리킨 이미지</translation>
    </message>
    <message>
        <source>The test image you point at</source>
        <translation>포인터로 가리킨 시험 이미지</translation>
    </message>
    <message>
        <source>Colours of the digits</source>
        <translation>숫자별 색</translation>
    </message>
    <message>
        <source>Each digit&apos;s colour on the map</source>
        <translation>지도에서 숫자마다의 색</translation>
    </message>
    <message>
        <source>first principal component</source>
        <translation>제1 주성분</translation>
    </message>
    <message>
        <source>second principal component</source>
        <translation>제2 주성분</translation>
    </message>
    <message>
        <source>The map needs the MNIST test images: {0}</source>
        <translation>지도에는 MNIST 시험 이미지가 필요합니다: {0}</translation>
    </message>
    <message>
        <source>input x ({0} pixels)</source>
        <translation>입력 x (픽셀 {0}개)</translation>
    </message>
    <message>
        <source>hidden layer {0} ({1} neurons)</source>
        <translation>은닉층 {0} (뉴런 {1}개)</translation>
    </message>
    <message>
        <source>output y (softmax, {0})</source>
        <translation>출력 y (소프트맥스, {0})</translation>
    </message>
    <message>
        <source>The map is drawn for fully connected networks; this model has convolution layers.</source>
        <translation>지도는 완전연결 신경망용입니다. 이 모델에는 합성곱 계층이 있습니다.</translation>
    </message>
    <message>
        <source>No model.</source>
        <translation>모델 없음.</translation>
    </message>
    <message>
        <source>Computing the maps of {0:,} test images…</source>
        <translation>시험 이미지 {0:,}장의 지도를 계산하는 중…</translation>
    </message>
    <message>
        <source>The two components explain {0:.1%} and {1:.1%} of this layer&apos;s variance.</source>
        <translation>두 주성분이 이 층 분산의 {0:.1%}와 {1:.1%}를 설명합니다.</translation>
    </message>
    <message>
        <source>The model in training, as it was when the training paused. </source>
        <translation>학습 중인 모델, 학습을 일시 정지했을 때의 모습. </translation>
    </message>
    <message>
        <source>Test image #{0}: a {1}</source>
        <translation>시험 이미지 #{0}: 숫자 {1}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>Chapter 3: Neural networks</source>
        <translation>3장: 신경망</translation>
    </message>
    <message>
        <source>3.2 Activation functions · 3.4 A three-layer network · 3.5 Softmax · 3.6 Handwritten digit recognition (MNIST inference)</source>
        <translation>3.2 활성화 함수 · 3.4 3층 신경망 구현하기 · 3.5 소프트맥스 함수 · 3.6 손글씨 숫자 인식 (MNIST 추론)</translation>
    </message>
    <message>
        <source>Draw a digit and watch the input the network reads, the hidden layers&apos; activations and the softmax probabilities change.</source>
        <translation>숫자를 그리고, 신경망이 읽는 입력과 은닉층의 활성화 값, 소프트맥스 확률이 바뀌는 것을 지켜보세요.</translation>
    </message>
    <message>
        <source>Chapter 4: Neural network learning</source>
        <translation>4장: 신경망 학습</translation>
    </message>
    <message>
        <source>4.2 Loss functions · 4.2.3 Mini-batch learning · 4.5 Implementing the training algorithm</source>
        <translation>4.2 손실 함수 · 4.2.3 미니배치 학습 · 4.5 학습 알고리즘 구현하기</translation>
    </message>
    <message>
        <source>Train a two-layer network and watch the loss function fall and the accuracy rise epoch by epoch; try another learning rate.</source>
        <translation>2층 신경망을 학습시키고 에폭마다 손실 함수가 줄고 정확도가 오르는 것을 지켜보세요. 학습률도 바꿔 보세요.</translation>
    </message>
    <message>
        <source>Chapter 4.3–4.4: Numerical differentiation and the gradient</source>
        <translation>4.3–4.4장: 수치 미분과 기울기</translation>
    </message>
    <message>
        <source>4.3 Numerical differentiation · 4.4 The gradient · 4.4.1 Gradient descent · 4.4.2 The gradient of a neural network</source>
        <translation>4.3 수치 미분 · 4.4 기울기 · 4.4.1 경사법(경사 하강법) · 4.4.2 신경망에서의 기울기</translation>
    </message>
    <message>
        <source>Move the point and the step h to see the numerical derivative; run gradient descent with several learning rates.</source>
        <translation>점과 간격 h를 옮기며 수치 미분을 보고, 여러 학습률로 경사 하강법을 실행해 보세요.</translation>
    </message>
    <message>
        <source>Chapter 3: Inside the network</source>
        <translation>3장: 신경망 내부</translation>
    </message>
    <message>
        <source>3.2 Activation functions · 3.3 Multidimensional arrays · 3.4 A three-layer network · 3.5 Softmax</source>
        <translation>3.2 활성화 함수 · 3.3 다차원 배열의 계산 · 3.4 3층 신경망 구현하기 · 3.5 소프트맥스 함수</translation>
    </message>
    <message>
        <source>Draw a digit and watch it flow through the network; click a neuron to read its weighted sum, and follow softmax step by step.</source>
        <translation>숫자를 그리고 그것이 신경망을 지나가는 모습을 지켜보세요. 뉴런을 클릭하면 가중합을 읽을 수 있고, 소프트맥스를 단계별로 따라갈 수 있습니다.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>모델 열기…</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>모델 저장…</translation>
    </message>
    <message>
        <source>Export plot as PNG/SVG…</source>
        <translation>그래프를 PNG/SVG로 내보내기…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>Copy the canvas image</source>
        <translation>캔버스 이미지 복사</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>배치 초기화</translation>
    </message>
    <message>
        <source>Reset to defaults…</source>
        <translation>기본값으로 되돌리기…</translation>
    </message>
    <message>
        <source>Undo reset to defaults</source>
        <translation>기본값으로 되돌리기 취소</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>About DigitLab</source>
        <translation>DigitLab 정보</translation>
    </message>
    <message>
        <source>The course&apos;s chapter for this tab</source>
        <translation>이 탭에 해당하는 교재의 장</translation>
    </message>
    <message>
        <source>Report a problem (open the log folder)</source>
        <translation>문제 알리기 (로그 폴더 열기)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Every action with a shortcut, and its keys</source>
        <translation>단축키가 있는 모든 동작과 그 키</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>이 창을 닫습니다</translation>
    </message>
    <message>
        <source>The course</source>
        <translation>교재</translation>
    </message>
    <message>
        <source>Could not open the log folder; it is {0}</source>
        <translation>로그 폴더를 열 수 없습니다. 폴더 위치: {0}</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>{0} (test accuracy {1:.1%})</source>
        <translation>{0} (시험 정확도 {1:.1%})</translation>
    </message>
    <message>
        <source>Convolutional network (ch. 7)</source>
        <translation>합성곱 신경망 (7장)</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>모델 열기…</translation>
    </message>
    <message>
        <source>Open a model saved by DigitLab (.npz) or the textbook&apos;s sample_weight.pkl</source>
        <translation>DigitLab으로 저장한 모델(.npz)이나 교재의 sample_weight.pkl을 엽니다</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>The network that reads your drawing: the shipped model, the one being trained, or one you opened</source>
        <translation>그림을 읽을 신경망: 기본 모델, 학습 중인 모델, 또는 직접 연 모델</translation>
    </message>
    <message>
        <source>The model file chosen last time, {0}, is gone: using the shipped model.</source>
        <translation>지난번에 고른 모델 파일 {0}이(가) 없습니다: 기본 제공 모델을 씁니다.</translation>
    </message>
    <message>
        <source>No model yet: train one in the Training tab or open a model file.</source>
        <translation>아직 모델이 없습니다: 학습 탭에서 학습시키거나 모델 파일을 여세요.</translation>
    </message>
    <message>
        <source>default model</source>
        <translation>기본 모델</translation>
    </message>
    <message>
        <source>Could not open the model: {0}</source>
        <translation>모델을 열 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>모델 열기</translation>
    </message>
    <message>
        <source>Models (*.npz *.pkl);;DigitLab models (*.npz);;Textbook weights (*.pkl)</source>
        <translation>모델 (*.npz *.pkl);;DigitLab 모델 (*.npz);;교재 가중치 (*.pkl)</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>Network diagram</source>
        <translation>신경망 그림</translation>
    </message>
    <message>
        <source>Click a neuron to open it (or move with the arrow keys and press Enter)</source>
        <translation>뉴런을 클릭하면 열립니다(또는 화살표 키로 옮긴 뒤 Enter)</translation>
    </message>
    <message>
        <source>No model: open one or train one on the Draw or Training tab.</source>
        <translation>모델이 없습니다: 그리기 탭에서 열거나 학습 탭에서 학습하세요.</translation>
    </message>
    <message>
        <source>input x ({0})</source>
        <translation>입력 x ({0})</translation>
    </message>
    <message>
        <source>output y (softmax)</source>
        <translation>출력 y (소프트맥스)</translation>
    </message>
    <message>
        <source>hidden {0} ({1}, {2})</source>
        <translation>은닉층 {0} ({1}, {2})</translation>
    </message>
    <message>
        <source>+{0} hidden</source>
        <translation>+{0}개 숨김</translation>
    </message>
</context>
<context>
    <name>NeuronPanel</name>
    <message>
        <source>&amp;Temperature T:</source>
        <translation>온도 T(&amp;T):</translation>
    </message>
    <message>
        <source>Softmax of a / T: below 1 the bars sharpen, above 1 they flatten (T = 1 is the model)</source>
        <translation>a / T의 소프트맥스: 1보다 작으면 막대가 뾰족해지고, 1보다 크면 평평해집니다(T = 1이 모델 그대로)</translation>
    </message>
    <message>
        <source>Softmax temperature</source>
        <translation>소프트맥스 온도</translation>
    </message>
    <message>
        <source>Softmax step by step</source>
        <translation>소프트맥스 단계별 계산</translation>
    </message>
    <message>
        <source>Each score a, then a / T minus the largest, its exp, and exp / their sum</source>
        <translation>각 점수 a, a / T에서 가장 큰 값을 뺀 값, 그 exp, exp / 그 합</translation>
    </message>
    <message>
        <source>a/T − max</source>
        <translation>a/T − max</translation>
    </message>
    <message>
        <source>Its 784 weights (red +, blue −)</source>
        <translation>784개 가중치 (빨강 +, 파랑 −)</translation>
    </message>
    <message>
        <source>Weights × this drawing&apos;s pixels</source>
        <translation>가중치 × 이 그림의 픽셀</translation>
    </message>
    <message>
        <source>The neuron&apos;s weights as a 28×28 image</source>
        <translation>이 뉴런의 가중치를 28×28 이미지로</translation>
    </message>
    <message>
        <source>The weights times the input pixels</source>
        <translation>가중치와 입력 픽셀의 곱</translation>
    </message>
    <message>
        <source>Activation function with the neuron&apos;s point</source>
        <translation>활성화 함수와 이 뉴런의 점</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>One neuron is for the fully connected network: choose the default model on the Draw tab to open its neurons.</source>
        <translation>뉴런 하나 보기는 완전연결 신경망용입니다: 그리기 탭에서 기본 모델을 고르면 뉴런을 열 수 있습니다.</translation>
    </message>
    <message>
        <source>Click a neuron in the diagram above to open it.</source>
        <translation>위 그림에서 뉴런을 클릭하면 여기에 열립니다.</translation>
    </message>
    <message>
        <source>Output neuron {0}: the score a of the digit {0}, before softmax</source>
        <translation>출력 뉴런 {0}: 소프트맥스 전, 숫자 {0}의 점수 a</translation>
    </message>
    <message>
        <source>Neuron {0} of hidden layer {1} ({2} inputs, {3})</source>
        <translation>은닉층 {1}의 뉴런 {0} (입력 {2}개, {3})</translation>
    </message>
    <message>
        <source>pixel ({0}, {1})</source>
        <translation>픽셀 ({0}, {1})</translation>
    </message>
    <message>
        <source>+ the other {0} terms</source>
        <translation>+ 나머지 항 {0}개</translation>
    </message>
    <message>
        <source>+ bias b</source>
        <translation>+ 편향 b</translation>
    </message>
    <message>
        <source>sum of exp = {0:.4f}; y = exp / sum, and the y add up to {1:.4f}</source>
        <translation>exp의 합 = {0:.4f}; y = exp / 합, y를 모두 더하면 {1:.4f}</translation>
    </message>
</context>
<context>
    <name>PartialPanel</name>
    <message>
        <source>vary x0 (x1 fixed): ∂f/∂x0</source>
        <translation>x0을 움직임 (x1 고정): ∂f/∂x0</translation>
    </message>
    <message>
        <source>vary x1 (x0 fixed): ∂f/∂x1</source>
        <translation>x1을 움직임 (x0 고정): ∂f/∂x1</translation>
    </message>
    <message>
        <source>Show the slice of f along x0, with x1 held fixed, and its tangent</source>
        <translation>x1을 고정하고 x0 방향으로 자른 f와 그 접선을 보여 줍니다</translation>
    </message>
    <message>
        <source>Show the slice of f along x1, with x0 held fixed, and its tangent</source>
        <translation>x0을 고정하고 x1 방향으로 자른 f와 그 접선을 보여 줍니다</translation>
    </message>
    <message>
        <source>f(x0, x1) = x0² + x1²  (the course&apos;s function_2)</source>
        <translation>f(x0, x1) = x0² + x1²  (교재의 function_2)</translation>
    </message>
    <message>
        <source>x0:</source>
        <translation>x0:</translation>
    </message>
    <message>
        <source>x1:</source>
        <translation>x1:</translation>
    </message>
    <message>
        <source>The point&apos;s x0, where ∂f/∂x0 and ∂f/∂x1 are computed</source>
        <translation>∂f/∂x0과 ∂f/∂x1을 구할 점의 x0</translation>
    </message>
    <message>
        <source>The point&apos;s x1, where ∂f/∂x0 and ∂f/∂x1 are computed</source>
        <translation>∂f/∂x0과 ∂f/∂x1을 구할 점의 x1</translation>
    </message>
    <message>
        <source>&lt;b&gt;df_dx0&lt;/b&gt; = {dx0}&lt;br&gt;&lt;b&gt;df_dx1&lt;/b&gt; = {dx1}</source>
        <translation>&lt;b&gt;df_dx0&lt;/b&gt; = {dx0}&lt;br&gt;&lt;b&gt;df_dx1&lt;/b&gt; = {dx1}</translation>
    </message>
    <message>
        <source>The course prints {dx0} and {dx1} at (3, 4) (exactly 6 and 8: the difference is rounding in f(x + h) − f(x − h)).</source>
        <translation>교재는 (3, 4)에서 {dx0}과 {dx1}을 출력합니다 (정확한 값은 6과 8이며, 차이는 f(x + h) − f(x − h)의 반올림 오차입니다).</translation>
    </message>
    <message>
        <source>x0   (x1 = {v:g} fixed)</source>
        <translation>x0   (x1 = {v:g} 고정)</translation>
    </message>
    <message>
        <source>x1   (x0 = {v:g} fixed)</source>
        <translation>x1   (x0 = {v:g} 고정)</translation>
    </message>
</context>
<context>
    <name>PersonalStore</name>
    <message>
        <source>Your saved digits in {0} could not be read ({1}). The file is kept as it is and nothing will be saved over it ({2}): move it away, then start DigitLab again.</source>
        <translation>저장된 내 숫자 {0}을(를) 읽을 수 없습니다({1}). 파일은 그대로 두고 그 위에 아무것도 저장하지 않습니다({2}): 파일을 다른 곳으로 옮긴 뒤 DigitLab을 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Your saved digits in {0} could not be read ({1}). The file was kept as {2}; new digits go to a new file.</source>
        <translation>저장된 내 숫자 {0}을(를) 읽을 수 없습니다({1}). 파일은 {2}(으)로 보관했고, 새 숫자는 새 파일에 저장합니다.</translation>
    </message>
    <message>
        <source>The personal set file {0} could not be read, so it is not overwritten: move it away first.</source>
        <translation>내 숫자 파일 {0}을(를) 읽을 수 없어 덮어쓰지 않습니다: 먼저 다른 곳으로 옮기세요.</translation>
    </message>
</context>
<context>
    <name>PlaybackControls</name>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 단계</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Steps shown per second</source>
        <translation>초당 보여 줄 단계 수</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>Play the steps one after another, or pause</source>
        <translation>단계를 차례로 재생하거나 일시 정지합니다</translation>
    </message>
    <message>
        <source>Show the next step</source>
        <translation>다음 단계를 보여 줍니다</translation>
    </message>
    <message>
        <source>Go back to the start</source>
        <translation>처음으로 돌아갑니다</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>속도:</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)/s</source>
        <translation>
            <numerusform>초당 %n단계</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>The network&apos;s answer</source>
        <translation>신경망의 답</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>Draw a digit to see what the network thinks.</source>
        <translation>숫자를 그리면 신경망의 판단이 보입니다.</translation>
    </message>
    <message>
        <source>not sure: probability of {0} only {1:.0%}</source>
        <translation>확신 없음: {0}일 확률이 {1:.0%}뿐</translation>
    </message>
    <message>
        <source>probability of {0}: {1:.0%}</source>
        <translation>{0}일 확률: {1:.0%}</translation>
    </message>
</context>
<context>
    <name>RacePanel</name>
    <message>
        <source>step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>f(x) (loss)</source>
        <translation>f(x) (손실)</translation>
    </message>
    <message>
        <source>Surface:</source>
        <translation>함수:</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>단계 수:</translation>
    </message>
    <message>
        <source>The function the optimizers race down</source>
        <translation>옵티마이저들이 경주하며 내려갈 함수</translation>
    </message>
    <message>
        <source>How many steps each optimizer takes</source>
        <translation>각 옵티마이저가 갈 단계 수</translation>
    </message>
    <message>
        <source>Optimizers and their learning rates</source>
        <translation>옵티마이저와 학습률</translation>
    </message>
    <message>
        <source>Race {0}: show its path</source>
        <translation>{0} 경주: 경로를 보여 줍니다</translation>
    </message>
    <message>
        <source>{0} learning rate</source>
        <translation>{0} 학습률</translation>
    </message>
    <message>
        <source>The learning rate of {0}</source>
        <translation>{0}의 학습률</translation>
    </message>
    <message>
        <source>Click on the plot to start all of them from there.</source>
        <translation>그래프를 클릭하면 모두 그 점에서 출발합니다.</translation>
    </message>
    <message>
        <source>left the plot at step {n} (learning rate too large)</source>
        <translation>{n}단계에서 그래프를 벗어남 (학습률이 너무 큼)</translation>
    </message>
    <message>
        <source>x = {x}, f = {f}</source>
        <translation>x = {x}, f = {f}</translation>
    </message>
    <message>
        <source>step {k}</source>
        <translation>{k}단계</translation>
    </message>
</context>
<context>
    <name>RobustnessPanel</name>
    <message>
        <source>Measure how sure and how sturdy</source>
        <translation>얼마나 확신하고 얼마나 튼튼한지 측정</translation>
    </message>
    <message>
        <source>Reliability, coverage, robustness curves and corruptions on 2,000 test images</source>
        <translation>시험 이미지 2,000장에서 신뢰도, 커버리지, 강건성 곡선, 손상</translation>
    </message>
    <message>
        <source>Second model...</source>
        <translation>두 번째 모델...</translation>
    </message>
    <message>
        <source>The model to compare with, e.g. the textbook&apos;s sample_weight.pkl (default: the shipped model)</source>
        <translation>비교할 모델, 예: 교재의 sample_weight.pkl (기본: 기본 제공 모델)</translation>
    </message>
    <message>
        <source>Calibration and coverage</source>
        <translation>보정과 커버리지</translation>
    </message>
    <message>
        <source>Corruption table</source>
        <translation>손상 표</translation>
    </message>
    <message>
        <source>Click a row to load its corrupted digit into the Draw tab</source>
        <translation>행을 클릭하면 손상된 숫자를 그리기 탭으로 불러옵니다</translation>
    </message>
    <message>
        <source>How sure</source>
        <translation>얼마나 확신하나</translation>
    </message>
    <message>
        <source>Robustness curves</source>
        <translation>강건성 곡선</translation>
    </message>
    <message>
        <source>Corruptions (MNIST-C)</source>
        <translation>손상 (MNIST-C)</translation>
    </message>
    <message>
        <source>Reliability diagram and coverage curve of the model</source>
        <translation>모델의 신뢰도 도표와 커버리지 곡선</translation>
    </message>
    <message>
        <source>Test accuracy against noise, rotation, thickness and shift, both models</source>
        <translation>잡음, 회전, 굵기, 이동에 따른 시험 정확도, 두 모델</translation>
    </message>
    <message>
        <source>Accuracy under corruptions in the manner of MNIST-C, both models</source>
        <translation>MNIST-C 방식의 손상에서 정확도, 두 모델</translation>
    </message>
    <message>
        <source>Reliability: accuracy against confidence</source>
        <translation>신뢰도: 확신도에 따른 정확도</translation>
    </message>
    <message>
        <source>predicted probability</source>
        <translation>예측 확률</translation>
    </message>
    <message>
        <source>Answered (blue) and right (green), %</source>
        <translation>답한 비율(파랑)과 맞힌 비율(초록), %</translation>
    </message>
    <message>
        <source>&apos;not sure&apos; below probability p (drag the red line)</source>
        <translation>확률 p 미만이면 &apos;확신 없음&apos; (빨간 선을 끌어 보세요)</translation>
    </message>
    <message>
        <source>Gaussian noise (sigma)</source>
        <translation>가우스 잡음 (시그마)</translation>
    </message>
    <message>
        <source>Rotation (degrees)</source>
        <translation>회전 (도)</translation>
    </message>
    <message>
        <source>Stroke thickness (- thinner, + thicker)</source>
        <translation>획 굵기 (- 가늘게, + 굵게)</translation>
    </message>
    <message>
        <source>Shift (pixels)</source>
        <translation>이동 (픽셀)</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>정확도 (%)</translation>
    </message>
    <message>
        <source>example</source>
        <translation>예시</translation>
    </message>
    <message>
        <source>corruption</source>
        <translation>손상</translation>
    </message>
    <message>
        <source>{0}
(clean {1:.1%})</source>
        <translation>{0}
(손상 없음 {1:.1%})</translation>
    </message>
    <message>
        <source>shipped model</source>
        <translation>기본 제공 모델</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Model: {0}; compared with: {1}. Press Measure (about ten seconds).</source>
        <translation>모델: {0}; 비교 대상: {1}. 측정을 누르세요 (10초쯤).</translation>
    </message>
    <message>
        <source>Second model</source>
        <translation>두 번째 모델</translation>
    </message>
    <message>
        <source>Models (*.npz *.pkl)</source>
        <translation>모델 (*.npz *.pkl)</translation>
    </message>
    <message>
        <source>This file cannot be used as a model.</source>
        <translation>이 파일은 모델로 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Measuring...</source>
        <translation>측정 중...</translation>
    </message>
    <message>
        <source>{0}: calibration error (ECE) {1:.2%}</source>
        <translation>{0}: 보정 오차(ECE) {1:.2%}</translation>
    </message>
    <message>
        <source>If {0} may say &apos;not sure&apos; below probability {1:.2f} (the Draw tab&apos;s line), it answers {2:.1%} of the test digits with {3:.2%} accuracy.</source>
        <translation>{0}이(가) 확률 {1:.2f} 미만에서 &apos;확신 없음&apos;이라고 말해도 된다면 (그리기 탭의 기준), 시험 숫자의 {2:.1%}에 정확도 {3:.2%}로 답합니다.</translation>
    </message>
    <message>
        <source>Curves: blue {0}, orange {1}.</source>
        <translation>곡선: 파랑 {0}, 주황 {1}.</translation>
    </message>
    <message>
        <source>shot noise</source>
        <translation>샷 잡음</translation>
    </message>
    <message>
        <source>impulse noise</source>
        <translation>임펄스 잡음</translation>
    </message>
    <message>
        <source>glass blur</source>
        <translation>유리 흐림</translation>
    </message>
    <message>
        <source>motion blur</source>
        <translation>움직임 흐림</translation>
    </message>
    <message>
        <source>shear</source>
        <translation>기울이기(전단)</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>크기 줄이기</translation>
    </message>
    <message>
        <source>rotate</source>
        <translation>회전</translation>
    </message>
    <message>
        <source>translate</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>brightness</source>
        <translation>밝기</translation>
    </message>
    <message>
        <source>stripe</source>
        <translation>줄무늬</translation>
    </message>
    <message>
        <source>fog</source>
        <translation>안개</translation>
    </message>
    <message>
        <source>spatter</source>
        <translation>얼룩</translation>
    </message>
    <message>
        <source>dotted line</source>
        <translation>점선</translation>
    </message>
    <message>
        <source>zigzag</source>
        <translation>지그재그</translation>
    </message>
    <message>
        <source>Canny edges</source>
        <translation>캐니 윤곽선</translation>
    </message>
    <message>
        <source>Click to load this digit into the Draw tab</source>
        <translation>클릭하면 이 숫자를 그리기 탭으로 불러옵니다</translation>
    </message>
    <message>
        <source>Measuring failed; press the button to try again.</source>
        <translation>측정이 실패했습니다. 버튼을 눌러 다시 해 보세요.</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>평가</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <source>Save model</source>
        <translation>모델 저장</translation>
    </message>
    <message>
        <source>DigitLab model (*.npz)</source>
        <translation>DigitLab 모델 (*.npz)</translation>
    </message>
    <message>
        <source>The model could not be saved there; it is still here, so choose another folder.</source>
        <translation>그곳에 모델을 저장할 수 없었습니다. 모델은 그대로 남아 있으니 다른 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and save the network trained so far before quitting?</source>
        <translation>학습이 아직 진행 중입니다. 끝내기 전에 학습을 멈추고 지금까지 학습한 신경망을 저장할까요?</translation>
    </message>
    <message>
        <source>The model you fine-tuned on your digits has not been saved. Save it before quitting?</source>
        <translation>내 숫자로 미세 조정한 모델을 아직 저장하지 않았습니다. 종료하기 전에 저장할까요?</translation>
    </message>
    <message>
        <source>The network you trained has not been saved. Save it before quitting?</source>
        <translation>학습한 신경망을 아직 저장하지 않았습니다. 종료하기 전에 저장할까요?</translation>
    </message>
    <message>
        <source>Unsaved model</source>
        <translation>저장하지 않은 모델</translation>
    </message>
</context>
<context>
    <name>SimpleNetPanel</name>
    <message>
        <source>step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Re-seed W</source>
        <translation>W 다시 뽑기</translation>
    </message>
    <message>
        <source>The book&apos;s W</source>
        <translation>교재의 W</translation>
    </message>
    <message>
        <source>Step: W −= lr · dW</source>
        <translation>한 단계: W −= lr · dW</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>The seed of the random W that Re-seed W draws</source>
        <translation>&apos;W 다시 뽑기&apos;가 무작위 W를 뽑을 때 쓰는 시드</translation>
    </message>
    <message>
        <source>Draw a new random W (2×3) from the seed</source>
        <translation>시드로 새 무작위 W(2×3)를 뽑습니다</translation>
    </message>
    <message>
        <source>Go back to the W the book prints</source>
        <translation>책에 인쇄된 W로 돌아갑니다</translation>
    </message>
    <message>
        <source>The step size of W −= lr · dW</source>
        <translation>W −= lr · dW의 보폭</translation>
    </message>
    <message>
        <source>One gradient-descent step on W; the loss falls</source>
        <translation>W에 대한 경사 하강 한 단계; 손실이 줄어듭니다</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W (가중치)</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>dW</source>
        <translation>dW (기울기)</translation>
    </message>
    <message>
        <source>The weights W (2×3)</source>
        <translation>가중치 W (2×3)</translation>
    </message>
    <message>
        <source>The scores x · W, before softmax</source>
        <translation>소프트맥스 전의 점수 x · W</translation>
    </message>
    <message>
        <source>softmax(scores): the probabilities, 8 decimals</source>
        <translation>softmax(scores): 확률, 소수점 8자리</translation>
    </message>
    <message>
        <source>The numerical gradient of the loss with respect to W</source>
        <translation>W에 대한 손실의 수치 기울기</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>학습률:</translation>
    </message>
    <message>
        <source>x = [0.6, 0.9],  t = [0, 0, 1]</source>
        <translation>x = [0.6, 0.9],  t = [0, 0, 1]</translation>
    </message>
    <message>
        <source>W (2×3)</source>
        <translation>W (2×3)</translation>
    </message>
    <message>
        <source>scores = x · W</source>
        <translation>scores = x · W</translation>
    </message>
    <message>
        <source>softmax(scores)</source>
        <translation>softmax(scores)</translation>
    </message>
    <message>
        <source>dW = numerical_gradient(lambda W: net.loss(x, t), net.W)</source>
        <translation>dW = numerical_gradient(lambda W: net.loss(x, t), net.W)</translation>
    </message>
    <message>
        <source>&lt;b&gt;The book&apos;s digits.&lt;/b&gt; The book prints loss {book} and computed it as −log(y), without the 1e-7 that cross_entropy_error adds inside the log today; with the 1e-7 the printed W gives {with_delta:.8f} and dW moves in the 7th decimal. The book also printed W rounded to 8 decimals: moving each entry by at most {move:.1e} (still the same when rounded) gives its loss, p, argmax(p) = 2 and dW. This panel uses that W and −log(y).</source>
        <translation>&lt;b&gt;교재의 자릿수.&lt;/b&gt; 교재는 손실 함수 값 {book}을 출력하는데, 오늘의 cross_entropy_error가 log 안에 더하는 1e-7 없이 −log(y)로 계산한 값입니다. 1e-7을 더하면 출력된 W로 {with_delta:.8f}가 되고 dW는 소수 7째 자리에서 달라집니다. 교재는 W도 소수 8째 자리로 반올림해 출력했습니다. 각 원소를 최대 {move:.1e}만큼 (반올림하면 같은 값) 옮기면 교재의 손실, p, argmax(p) = 2, dW가 나옵니다. 이 패널은 그 W와 −log(y)를 씁니다.</translation>
    </message>
    <message>
        <source>loss = {v}</source>
        <translation>손실 = {v}</translation>
    </message>
    <message>
        <source>argmax(p) = {i}  (index from 0)</source>
        <translation>argmax(p) = {i}  (인덱스는 0부터)</translation>
    </message>
</context>
<context>
    <name>StepsView</name>
    <message>
        <source>Your drawing</source>
        <translation>내 그림</translation>
    </message>
    <message>
        <source>1. Crop to the ink</source>
        <translation>1. 잉크 부분만 자르기</translation>
    </message>
    <message>
        <source>2. Scale into 20×20</source>
        <translation>2. 20×20에 맞게 크기 조정</translation>
    </message>
    <message>
        <source>3. Centre of mass to the middle</source>
        <translation>3. 무게중심을 가운데로</translation>
    </message>
    <message>
        <source>on</source>
        <translation>켜짐</translation>
    </message>
    <message>
        <source>Off: the whole canvas is scaled, empty paper and all</source>
        <translation>끄면: 빈 종이까지 캔버스 전체를 축소합니다</translation>
    </message>
    <message>
        <source>Off: the digit keeps the size it has on the canvas</source>
        <translation>끄면: 숫자가 캔버스에서의 크기를 그대로 유지합니다</translation>
    </message>
    <message>
        <source>Off: the digit stays where it was drawn</source>
        <translation>끄면: 숫자가 그린 자리에 그대로 있습니다</translation>
    </message>
    <message>
        <source>Crop to the ink</source>
        <translation>잉크 부분만 잘라내기</translation>
    </message>
    <message>
        <source>Scale into 20×20</source>
        <translation>20×20으로 크기 맞추기</translation>
    </message>
    <message>
        <source>Centre of mass to the middle</source>
        <translation>무게중심을 가운데로</translation>
    </message>
    <message>
        <source>MNIST digits were prepared with all three steps; switch one off and see how the answer suffers.</source>
        <translation>MNIST 숫자는 세 단계를 모두 거쳐 만들어졌습니다. 하나를 끄고 답이 어떻게 나빠지는지 보세요.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>꺼짐</translation>
    </message>
</context>
<context>
    <name>Surface3DView</name>
    <message>
        <source>Drag to turn the surface.</source>
        <translation>드래그하면 곡면이 회전합니다.</translation>
    </message>
    <message>
        <source>No OpenGL here, so no 3-D view: this is the surface seen from above as a shaded relief, lit from the upper left; pale is low, red is high.</source>
        <translation>OpenGL을 쓸 수 없어 3차원 보기 대신 곡면을 위에서 본 음영 기복도로 보여 줍니다. 빛은 왼쪽 위에서 오며, 옅은 색이 낮고 빨간색이 높습니다.</translation>
    </message>
</context>
<context>
    <name>TrainingControls</name>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Train a new network with these settings</source>
        <translation>이 설정으로 새 신경망을 학습합니다</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Pause the run after this iteration, or go on</source>
        <translation>이번 반복이 끝나면 학습을 일시 정지하거나 계속합니다</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 단계</translation>
    </message>
    <message>
        <source>Run exactly one iteration (one mini-batch), then pause</source>
        <translation>딱 한 번 반복(미니배치 하나)하고 멈춥니다</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>End the run now and keep the network trained so far</source>
        <translation>학습을 지금 끝내고 지금까지 학습한 신경망을 남깁니다</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Drop the run and its curves, and start afresh</source>
        <translation>이번 학습과 그래프를 버리고 처음부터 시작합니다</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>이 모델 사용</translation>
    </message>
    <message>
        <source>Switch the Draw tab to this network</source>
        <translation>그리기 탭에서 이 신경망을 씁니다</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>저장...</translation>
    </message>
    <message>
        <source>Save the trained network (Ctrl+S)</source>
        <translation>학습한 신경망 저장 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>모델 저장</translation>
    </message>
    <message>
        <source>Press Start to train.</source>
        <translation>학습하려면 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Follow the advice and reset</source>
        <translation>조언대로 바꾸고 초기화</translation>
    </message>
    <message>
        <source>Lower what made the run diverge to the suggested value, then reset</source>
        <translation>발산의 원인이 된 값을 제안한 값으로 낮추고 초기화합니다</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Weight decay lowered to {0:g}. Press Start to try again.</source>
        <translation>가중치 감소를 {0:g}(으)로 낮췄습니다. 다시 하려면 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Learning rate lowered to {0:g}. Press Start to try again.</source>
        <translation>학습률을 {0:g}(으)로 낮췄습니다. 다시 하려면 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Epoch {0}/{1} · iteration {2:,}/{3:,} · {4:,.0f} images/s · {5} left</source>
        <translation>에폭 {0}/{1} · 반복 {2:,}/{3:,} · 초당 {4:,.0f}장 · {5} 남음</translation>
    </message>
    <message>
        <source>Numerical gradient: {0:.3f} s per iteration. Backprop on the same mini-batch: {1:.2f} ms. The numerical gradient is {2:,.0f}x slower.</source>
        <translation>수치 미분: 반복당 {0:.3f}초. 같은 미니배치에서 오차역전파법: {1:.2f}ms. 수치 미분이 {2:,.0f}배 느립니다.</translation>
    </message>
    <message>
        <source>Training could not start; check the settings and the MNIST files, then press Start again.</source>
        <translation>학습을 시작할 수 없었습니다. 설정과 MNIST 파일을 확인한 뒤 다시 시작을 누르세요.</translation>
    </message>
    <message>
        <source>The trained network could not be tested on the test images, but it is kept: you can still use it or save it.</source>
        <translation>학습한 신경망을 시험 이미지로 평가하지 못했지만 신경망은 남아 있습니다: 그대로 사용하거나 저장할 수 있습니다.</translation>
    </message>
    <message>
        <source>Training stopped because of an error and its network was discarded; press Start to try again.</source>
        <translation>오류 때문에 학습이 멈추었고 그 신경망은 버렸습니다. 다시 하려면 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Lower the weight decay to {0:g} and reset</source>
        <translation>가중치 감소를 {0:g}(으)로 낮추고 초기화</translation>
    </message>
    <message>
        <source>The loss became infinite at iteration {0}.</source>
        <translation>반복 {0}에서 손실이 무한대가 되었습니다.</translation>
    </message>
    <message>
        <source>The loss became NaN (not a number) at iteration {0}.</source>
        <translation>반복 {0}에서 손실이 NaN(숫자가 아님)이 되었습니다.</translation>
    </message>
    <message>
        <source>The weights became infinite at iteration {0}.</source>
        <translation>반복 {0}에서 가중치가 무한대가 되었습니다.</translation>
    </message>
    <message>
        <source>The loss jumped from {1:.3g} to {2:.3g} at iteration {0}.</source>
        <translation>반복 {0}에서 손실이 {1:.3g}에서 {2:.3g}(으)로 치솟았습니다.</translation>
    </message>
    <message>
        <source>The loss was not a finite number at the very first iteration, before any step.</source>
        <translation>첫 반복에서, 아직 한 걸음도 가기 전에 손실이 유한한 수가 아니었습니다.</translation>
    </message>
    <message>
        <source>The weight decay ({0:g}) is too large: its penalty is most of the loss, so each step mostly shrinks the weights and overshoots.</source>
        <translation>가중치 감소({0:g})가 너무 큽니다: 그 벌점이 손실의 대부분이라, 매 걸음이 주로 가중치를 줄이다가 지나쳐 버립니다.</translation>
    </message>
    <message>
        <source>The initial weights are too large: choose a smaller weight initialization (0.01).</source>
        <translation>초기 가중치가 너무 큽니다: 더 작은 가중치 초깃값(0.01)을 고르세요.</translation>
    </message>
    <message>
        <source>The learning rate ({0:g}) is too large: each step overshoots the minimum and the weights blow up.</source>
        <translation>학습률({0:g})이 너무 큽니다: 매 걸음이 최솟값을 지나쳐 가중치가 폭발합니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training diverged.&lt;/b&gt; {0} {1} The broken network was thrown away.</source>
        <translation>&lt;b&gt;학습이 발산했습니다.&lt;/b&gt; {0} {1} 망가진 신경망은 버렸습니다.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Lower the learning rate to {0:g} and reset</source>
        <translation>학습률을 {0:g}(으)로 낮추고 초기화</translation>
    </message>
    <message>
        <source>Diverged.</source>
        <translation>발산했습니다.</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>iteration</source>
        <translation>반복</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>loss of each mini-batch</source>
        <translation>미니배치별 손실</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>평활화</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>정확도 (%)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>훈련</translation>
    </message>
    <message>
        <source>test</source>
        <translation>시험</translation>
    </message>
    <message>
        <source>Learning rate (it changed during the run)</source>
        <translation>학습률 (학습 중에 바뀜)</translation>
    </message>
    <message>
        <source>stopped: the model kept has test {0:.2%}</source>
        <translation>중지됨: 남긴 모델의 시험 정확도 {0:.2%}</translation>
    </message>
    <message>
        <source>epoch {0}: train {1:.2%}, test {2:.2%}</source>
        <translation>에폭 {0}: 훈련 {1:.2%}, 시험 {2:.2%}</translation>
    </message>
    <message>
        <source>Loss per iteration (one mini-batch each)</source>
        <translation>반복별 손실 (반복마다 미니배치 하나)</translation>
    </message>
    <message>
        <source>{0}, learning rate {1:g}</source>
        <translation>{0}, 학습률 {1:g}</translation>
    </message>
    <message>
        <source>Accuracy after each epoch (a growing gap = overfitting)</source>
        <translation>에폭별 정확도 (벌어지는 차이 = 오버피팅)</translation>
    </message>
</context>
<context>
    <name>TrainingSettings</name>
    <message>
        <source>Neurons per hidden layer, comma separated, e.g. 100, 50</source>
        <translation>은닉층별 뉴런 수, 쉼표로 구분 (예: 100, 50)</translation>
    </message>
    <message>
        <source>rotate, shift, scale, thicken</source>
        <translation>회전, 이동, 크기, 굵기</translation>
    </message>
    <message>
        <source>shuffled, each image once per epoch</source>
        <translation>섞어서, 에폭마다 모든 이미지를 한 번씩</translation>
    </message>
    <message>
        <source>rng.choice each iteration (the course)</source>
        <translation>매 반복 rng.choice (강의)</translation>
    </message>
    <message>
        <source>fully connected</source>
        <translation>완전연결</translation>
    </message>
    <message>
        <source>convolutional</source>
        <translation>합성곱</translation>
    </message>
    <message>
        <source>{0:,} images</source>
        <translation>{0:,}장</translation>
    </message>
    <message>
        <source>backprop</source>
        <translation>오차역전파법</translation>
    </message>
    <message>
        <source>numerical (slow)</source>
        <translation>수치 미분 (느림)</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>은닉층</translation>
    </message>
    <message>
        <source>off (whole epochs)</source>
        <translation>사용 안 함 (에폭 단위)</translation>
    </message>
    <message>
        <source>Mini-batch steps of the run (the course&apos;s iters_num); the last epoch may end part-way</source>
        <translation>학습의 미니배치 반복 횟수(강의의 iters_num). 마지막 에폭은 중간에 끝날 수 있습니다</translation>
    </message>
    <message>
        <source>measure accuracy before training (epoch 0)</source>
        <translation>학습 전 정확도 측정 (에폭 0)</translation>
    </message>
    <message>
        <source>train accuracy on all training images (slower)</source>
        <translation>훈련 정확도를 모든 훈련 이미지로 (느림)</translation>
    </message>
    <message>
        <source>The kind of network: fully connected (the course&apos;s 784-hidden-10) or convolutional (the book&apos;s chapter 7); choosing one sets its own defaults</source>
        <translation>신경망의 종류: 완전연결(강의의 784-은닉-10) 또는 합성곱(책의 7장); 고르면 그 종류의 기본값이 설정됩니다</translation>
    </message>
    <message>
        <source>Convolution stages, filters x size separated by commas (e.g. 16x5, 32x5); each is followed by ReLU and 2x2 pooling</source>
        <translation>합성곱 단계, 필터 수x크기를 쉼표로 구분 (예: 16x5, 32x5); 각 단계 뒤에 ReLU와 2x2 풀링이 옵니다</translation>
    </message>
    <message>
        <source>The function after each hidden layer: ReLU, sigmoid (the course&apos;s) or tanh</source>
        <translation>각 은닉층 뒤의 활성화 함수: ReLU, 시그모이드(강의), tanh</translation>
    </message>
    <message>
        <source>How the first weights are drawn: He, Xavier, or a standard deviation such as the course&apos;s 0.01</source>
        <translation>가중치 초깃값을 뽑는 방법: He, Xavier, 또는 강의의 0.01 같은 표준편차</translation>
    </message>
    <message>
        <source>How each step uses the gradient: SGD (the course&apos;s), Momentum, Nesterov, AdaGrad, RMSprop or Adam</source>
        <translation>각 단계에서 기울기를 쓰는 방법: SGD(강의), Momentum, Nesterov, AdaGrad, RMSprop, Adam</translation>
    </message>
    <message>
        <source>How the learning rate changes during the run: constant, halved in steps, or a cosine curve</source>
        <translation>학습 중 학습률이 바뀌는 방식: 일정, 단계마다 절반, 또는 코사인 곡선</translation>
    </message>
    <message>
        <source>Images per gradient step (the course&apos;s batch_size 100)</source>
        <translation>기울기 한 단계에 쓰는 이미지 수 (강의의 batch_size 100)</translation>
    </message>
    <message>
        <source>Passes over the training images; for a run given in iterations, the epochs it covers</source>
        <translation>훈련 이미지를 몇 번 도는지; 반복 횟수로 정한 학습이면 그 반복이 몇 에폭인지</translation>
    </message>
    <message>
        <source>Also measure the accuracies once before the first step</source>
        <translation>첫 단계 전에도 정확도를 한 번 잽니다</translation>
    </message>
    <message>
        <source>How each mini-batch is chosen: a new shuffle every epoch, or rng.choice at every iteration as the course</source>
        <translation>미니배치를 고르는 방법: 에폭마다 새로 섞기, 또는 강의처럼 매 반복 rng.choice</translation>
    </message>
    <message>
        <source>Measure the train accuracy on every training image as the course does, instead of the first 10,000</source>
        <translation>훈련 정확도를 앞쪽 10,000장 대신 강의처럼 모든 훈련 이미지로 잽니다</translation>
    </message>
    <message>
        <source>L2 penalty on the weights: 0.5 x weight decay x sum of W²</source>
        <translation>가중치에 대한 L2 벌칙: 0.5 x 가중치 감소 x W²의 합</translation>
    </message>
    <message>
        <source>Share of hidden neurons switched off at random in each training step</source>
        <translation>학습 단계마다 무작위로 끄는 은닉 뉴런의 비율</translation>
    </message>
    <message>
        <source>Train on randomly rotated, shifted, scaled and thickened copies of the images</source>
        <translation>무작위로 회전, 이동, 확대·축소, 굵기 변화를 준 이미지로 학습합니다</translation>
    </message>
    <message>
        <source>How many MNIST training images the run uses</source>
        <translation>학습에 쓰는 MNIST 훈련 이미지 수</translation>
    </message>
    <message>
        <source>The random generator&apos;s seed: the same seed gives the same run</source>
        <translation>난수 생성기의 시드: 같은 시드면 같은 학습이 됩니다</translation>
    </message>
    <message>
        <source>How the gradient is computed: backprop, or the course&apos;s numerical gradient (slow)</source>
        <translation>기울기를 구하는 방법: 오차역전파, 또는 강의의 수치 미분(느림)</translation>
    </message>
    <message>
        <source>measuring a few mini-batches…</source>
        <translation>미니배치 몇 개를 재는 중…</translation>
    </message>
    <message>
        <source>about {0} min here</source>
        <translation>이 컴퓨터에서 약 {0}분</translation>
    </message>
    <message>
        <source>How long the run should take on this computer: a few mini-batches of this network are measured before Start and multiplied by the run&apos;s iterations, plus the accuracy evaluations</source>
        <translation>이 컴퓨터에서 학습이 걸릴 시간: 시작 전에 이 신경망의 미니배치 몇 개를 재어 학습의 반복 횟수를 곱하고, 정확도 평가 시간을 더합니다</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <source>Conv stages</source>
        <translation>합성곱 단계</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <source>Weight init</source>
        <translation>가중치 초깃값</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>학습률 스케줄</translation>
    </message>
    <message>
        <source>Mini-batch size</source>
        <translation>미니배치 크기</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에폭 수</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>반복 횟수</translation>
    </message>
    <message>
        <source>Mini-batches</source>
        <translation>미니배치</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>가중치 감소</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>데이터 확장</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>훈련 이미지</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>기울기 계산</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Logarithmic: each notch multiplies the learning rate</source>
        <translation>로그 눈금: 한 칸마다 학습률에 같은 배수를 곱합니다</translation>
    </message>
    <message>
        <source>Learning rate (slider)</source>
        <translation>학습률 (슬라이더)</translation>
    </message>
    <message>
        <source>The step size: weights -= learning rate x gradient (the course&apos;s 0.1); may be changed during a run</source>
        <translation>보폭: 가중치 -= 학습률 x 기울기 (강의의 0.1); 학습 중에도 바꿀 수 있습니다</translation>
    </message>
    <message>
        <source>Numerical gradient: only for a tiny network (at most {0:,} weights; this one has {1:,}) and {2:,} training images.</source>
        <translation>수치 미분: 아주 작은 신경망(가중치 최대 {0:,}개, 지금은 {1:,}개)과 훈련 이미지 {2:,}장에서만 씁니다.</translation>
    </message>
    <message>
        <source>Conv stages: expected convolution stages FILTERSxSIZE separated by commas, sizes 1..28 (e.g. 16x5, 32x5), got {0}.</source>
        <translation>합성곱 단계: 쉼표로 구분한 필터수x크기(크기 1..28, 예: 16x5, 32x5)가 필요한데 {0}을(를) 받았습니다.</translation>
    </message>
    <message>
        <source>Conv stages: {0} shrink the 28×28 image to nothing: use fewer stages or smaller filters.</source>
        <translation>합성곱 단계: {0}은(는) 28×28 이미지를 아무것도 남지 않게 줄입니다: 단계를 줄이거나 더 작은 필터를 쓰세요.</translation>
    </message>
    <message>
        <source>Hidden layers: at most {0} layers of at most {1:,} neurons each.</source>
        <translation>은닉층: 최대 {0}개 층, 층마다 뉴런 최대 {1:,}개입니다.</translation>
    </message>
    <message>
        <source>Hidden layers: expected positive layer sizes separated by commas (e.g. 100,50), got {0}.</source>
        <translation>은닉층: 쉼표로 구분한 양의 정수 크기가 필요합니다 (예: 100,50). 입력: {0}.</translation>
    </message>
    <message>
        <source>This network would need {0} of memory, more than the {1} DigitLab allows itself on this computer: use smaller hidden layers or a smaller mini-batch.</source>
        <translation>이 신경망에는 {0}의 메모리가 필요합니다. 이 컴퓨터에서 DigitLab이 쓰는 한도 {1}보다 많습니다: 은닉층을 줄이거나 미니배치 크기를 줄이세요.</translation>
    </message>
    <message>
        <source>The numerical gradient needs two forward passes per weight: use at most {0:,} weights (e.g. hidden layers &apos;10&apos;) and {1:,} training images.</source>
        <translation>수치 미분은 가중치 하나마다 순전파를 두 번 합니다: 가중치는 최대 {0:,}개(예: 은닉층 &apos;10&apos;), 훈련 이미지는 {1:,}장까지 쓰세요.</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Training curves</source>
        <translation>학습 곡선</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Training needs the MNIST files; see the download dialog.</source>
        <translation>학습에는 MNIST 파일이 필요합니다. 내려받기 창을 보세요.</translation>
    </message>
    <message>
        <source>Press Start to train.</source>
        <translation>학습하려면 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Stopped before the first iteration.</source>
        <translation>첫 반복 전에 중지했습니다.</translation>
    </message>
    <message>
        <source>Finished after {0:,} iterations ({1:.2f} epochs). Test accuracy {2:.2%}.</source>
        <translation>반복 {0:,}회({1:.2f} 에폭) 후 완료. 시험 정확도 {2:.2%}.</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>{0} after {1} epoch(s). Test accuracy {2:.2%}.</source>
        <translation>{1}에폭 후 {0}. 시험 정확도 {2:.2%}.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Health and hints</source>
        <translation>상태와 조언</translation>
    </message>
    <message>
        <source>How sure, how sturdy</source>
        <translation>확신과 강건성</translation>
    </message>
    <message>
        <source>Examples, counts, average digits and pixel values of the data</source>
        <translation>데이터의 예시, 개수, 평균 숫자, 픽셀 값</translation>
    </message>
    <message>
        <source>The weights&apos; health during a run, the learning-rate range test and hints</source>
        <translation>학습 중 가중치의 상태, 학습률 범위 테스트와 조언</translation>
    </message>
    <message>
        <source>Calibration, coverage, robustness curves and corruptions</source>
        <translation>보정, 커버리지, 강건성 곡선과 손상</translation>
    </message>
    <message>
        <source>Settings changed for the next run: press Start.</source>
        <translation>다음 학습의 설정을 바꿨습니다: 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Trained just now</source>
        <translation>방금 학습한 모델</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>{0}에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Loading MNIST...</source>
        <translation>MNIST 불러오는 중...</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습 중</translation>
    </message>
</context>
<context>
    <name>WhyView</name>
    <message>
        <source>the top class</source>
        <translation>가장 높은 클래스</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>클래스 {0}</translation>
    </message>
    <message>
        <source>gradient × input</source>
        <translation>기울기 × 입력</translation>
    </message>
    <message>
        <source>Multiply by the pixel values: only pixels with ink count, as much as their ink adds</source>
        <translation>픽셀 값을 곱합니다: 잉크가 있는 픽셀만, 그 잉크가 더하는 만큼 셉니다</translation>
    </message>
    <message>
        <source>Nudge towards</source>
        <translation>조금씩 밀기:</translation>
    </message>
    <message>
        <source>Change every pixel a little in the direction that makes this digit more likely, step by step, until the network says it</source>
        <translation>신경망이 이 숫자라고 답할 때까지, 이 숫자일 확률이 커지는 방향으로 모든 픽셀을 한 단계씩 조금 바꿉니다</translation>
    </message>
    <message>
        <source>Back to my drawing</source>
        <translation>내 그림으로 돌아가기</translation>
    </message>
    <message>
        <source>Gradient of the score of</source>
        <translation>점수의 기울기:</translation>
    </message>
    <message>
        <source>The class whose score the heatmap explains</source>
        <translation>히트맵이 설명할 점수의 클래스</translation>
    </message>
    <message>
        <source>Digit to nudge towards</source>
        <translation>밀어 줄 목표 숫자</translation>
    </message>
    <message>
        <source>The digit the nudge should make the network read</source>
        <translation>살짝 밀어서 신경망이 읽게 만들 숫자</translation>
    </message>
    <message>
        <source>Undo the nudge: show your own drawing again</source>
        <translation>밀어 준 것을 되돌립니다: 내 그림을 다시 보여 줍니다</translation>
    </message>
    <message>
        <source>Draw a digit and choose a model first.</source>
        <translation>먼저 숫자를 그리고 모델을 고르세요.</translation>
    </message>
    <message>
        <source>Nudging…</source>
        <translation>미는 중…</translation>
    </message>
    <message>
        <source>Draw a digit: the map shows which pixels pushed the network&apos;s answer.</source>
        <translation>숫자를 그리세요: 이 지도는 어떤 픽셀이 신경망의 답을 밀었는지 보여 줍니다.</translation>
    </message>
    <message>
        <source>Class {0}: red pixels would raise its score with more ink, blue ones lower it.</source>
        <translation>클래스 {0}: 빨간 픽셀은 잉크가 더해지면 점수를 올리고, 파란 픽셀은 내립니다.</translation>
    </message>
    <message>
        <source>The network already says {0}: pick another digit.</source>
        <translation>신경망이 이미 {0}(이)라고 답합니다: 다른 숫자를 고르세요.</translation>
    </message>
    <message>
        <source>After {0} steps the network still says {1}, not {2}.</source>
        <translation>{0}단계 뒤에도 신경망은 {2}이(가) 아니라 {1}(이)라고 답합니다.</translation>
    </message>
    <message>
        <source>After {0} steps the network says {1}, yet no pixel changed by more than {2:.2f} (ink runs from 0 to 1), and {3} of 784 by more than {4:g}: a change too faint to see, read as a different digit. A first look at adversarial examples.</source>
        <translation>{0}단계 뒤 신경망은 {1}(이)라고 답하지만, 어떤 픽셀도 {2:.2f}보다 많이 바뀌지 않았고(잉크는 0에서 1까지) 784개 중 {3}개가 {4:g}보다 많이 바뀌었습니다: 눈에 잘 띄지 않는 변화인데 다른 숫자로 읽습니다. 적대적 예제를 처음 엿보는 것입니다.</translation>
    </message>
</context>
<context>
    <name>image_io</name>
    <message>
        <source>The image is empty.</source>
        <translation>이미지가 비어 있습니다.</translation>
    </message>
    <message>
        <source>“{0}” is {1} × {2} pixels, more than DigitLab reads ({3} million).</source>
        <translation>“{0}”은(는) {1} × {2} 픽셀로, DigitLab이 읽을 수 있는 크기({3}백만 픽셀)보다 큽니다.</translation>
    </message>
    <message>
        <source>“{0}” holds more than {1} MB of SVG text, more than a drawing of a digit needs.</source>
        <translation>“{0}”에는 SVG 텍스트가 {1} MB보다 많습니다. 숫자 그림에 필요한 양보다 많습니다.</translation>
    </message>
    <message>
        <source>“{0}” is an SVG drawing, which DigitLab can only read with its window system started. Save it as PNG.</source>
        <translation>“{0}”은(는) SVG 그림이라 창 시스템이 시작된 상태에서만 읽을 수 있습니다. PNG로 저장하세요.</translation>
    </message>
    <message>
        <source>There is no file called “{0}”.</source>
        <translation>“{0}”(이)라는 파일이 없습니다.</translation>
    </message>
    <message>
        <source>“{0}” is a link to a file that does not exist.</source>
        <translation>“{0}”은(는) 존재하지 않는 파일을 가리키는 링크입니다.</translation>
    </message>
    <message>
        <source>“{0}” is a folder, not an image file.</source>
        <translation>“{0}”은(는) 이미지 파일이 아니라 폴더입니다.</translation>
    </message>
    <message>
        <source>“{0}” is a link that leads back to itself (a link loop).</source>
        <translation>“{0}”은(는) 자기 자신을 다시 가리키는 링크입니다(링크 순환).</translation>
    </message>
    <message>
        <source>The name “{0}” is too long: a file name may have at most 255 bytes.</source>
        <translation>이름 “{0}”이(가) 너무 깁니다: 파일 이름은 최대 255바이트까지 가능합니다.</translation>
    </message>
    <message>
        <source>You do not have permission to read “{0}”.</source>
        <translation>“{0}”을(를) 읽을 권한이 없습니다.</translation>
    </message>
    <message>
        <source>“{0}” is not a regular file (a device, pipe or socket).</source>
        <translation>“{0}”은(는) 일반 파일이 아닙니다(장치, 파이프 또는 소켓).</translation>
    </message>
    <message>
        <source>“{0}” is too large for a picture of a digit (more than {1} MB).</source>
        <translation>“{0}”은(는) 숫자 그림으로는 너무 큽니다({1}MB 초과).</translation>
    </message>
    <message>
        <source>Could not read “{0}”: {2}.</source>
        <translation>“{0}”을(를) 읽을 수 없습니다: {2}.</translation>
    </message>
    <message>
        <source>“{0}” is not an image DigitLab can read ({1}). Try a PNG or JPEG file.</source>
        <translation>“{0}”은(는) DigitLab이 읽을 수 있는 이미지가 아닙니다({1}). PNG나 JPEG 파일을 써 보세요.</translation>
    </message>
</context>
</TS>
